package care

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
)

// opParams is outpatients alone: 10 000 people referred at 0.01 a day
// each (100 referrals a day) for a year from Tuesday 1 April 2014, without
// warm-up, with the clinics' slots as given and no follow-ups.
func opParams(first, dayCase []int) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 365,
		Population: Population{
			Localities: []Locality{{Name: "town", People: 10_000}},
			AgeBands:   []AgeBand{{Name: "all", Share: 1, RiskShares: []float64{1}}},
			Risk:       []RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Services: Services{
			Outpatients: Outpatients{Enabled: true, Referrals: 0.01, FirstSlots: first,
				FollowUpSlots: []int{0, 0, 0, 0, 0, 0, 0}, DayCase: 0.5, DayCaseSlots: dayCase},
		},
	}
}

func opMetric(t *testing.T, r *Result, name string) float64 {
	t.Helper()
	i := MetricIndex(name)
	if i < 0 {
		t.Fatalf("no metric %s", name)
	}
	return r.Metrics[i]
}

func opAnnual(t *testing.T, r *Result, name string) float64 {
	t.Helper()
	i := AnnualIndex(name)
	if i < 0 {
		t.Fatalf("no annual measure %s", name)
	}
	return r.Annual[0][i]
}

// TestOutpatientClinicsHandWorked fills clinics of 20 first appointments
// and 5 day cases each weekday, none at weekends, with 100 referrals a
// day: far more than they can see, so that every weekday's slots are all
// used. 2014/15 from Tuesday 1 April has 261 weekdays: 20 × 261 = 5 220
// first attendances. Day cases come from the day-case list, which the
// clinic serves before the day's first appointments: empty on the first
// morning, never short of 5 after it (half of 20 seen a day are listed),
// so 5 × 260 = 1 300 day cases. Each day's count is 20 (or 5) on a
// weekday and 0 at a weekend.
func TestOutpatientClinicsHandWorked(t *testing.T) {
	t.Parallel()
	p := opParams([]int{20, 20, 20, 20, 20, 0, 0}, []int{5, 5, 5, 5, 5, 0, 0})
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := Run(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	weekdays := 0
	first, cases := DailyIndex("outpatient_first_attendances"), DailyIndex("day_cases")
	for d := range 365 {
		want, wantCases := 0.0, 0.0
		if p.Start.AddDays(d).Weekday() < 5 {
			weekdays++
			want = 20
			if d > 0 {
				wantCases = 5
			}
		}
		if r.Daily[first][d] != want || r.Daily[cases][d] != wantCases {
			t.Fatalf("day %d: %v first attendances and %v day cases, want %v and %v", d, r.Daily[first][d], r.Daily[cases][d], want, wantCases)
		}
	}
	if weekdays != 261 {
		t.Fatalf("%d weekdays in the year, want 261", weekdays)
	}
	if got := opAnnual(t, r, "outpatient_first_attendances"); got != 5220 {
		t.Errorf("outpatient_first_attendances %v, want 5220", got)
	}
	if got := opAnnual(t, r, "day_cases"); got != 1300 {
		t.Errorf("day_cases %v, want 1300", got)
	}
	if got := opAnnual(t, r, "outpatient_first_slots"); got != 5220 {
		t.Errorf("outpatient_first_slots %v, want 5220", got)
	}
	// Conservation: every referral is waiting, on the day-case list or
	// done. The daily census is at the start of a day; the last day's
	// referrals and clinic are after it, so compare the whole year with
	// the pathways still open at the end from the levels' last values.
	refs := opAnnual(t, r, "outpatient_referrals")
	if refs < 0.95*36500 || refs > 1.05*36500 {
		t.Fatalf("%v referrals, want about 36 500", refs)
	}
}

// TestOutpatientRTTShare refers 100 people a day to clinics with no slots,
// so that nobody is seen: every referral stays an open pathway. On day j
// the list holds the referrals of days 0 to j − 1 and of day j so far,
// and those over 18 weeks (counted from the start of the day on which
// they pass 126 days) the referrals of days 0 to j − 126. Over the year,
// time-weighted, with λ = 100 a day:
//
//	mean list ≈ λ · 365 / 2 = 182.5 λ
//	mean over = λ/365 · Σ_{j=126}^{364} (j − 125) = λ/365 · 239·240/2 = 78.58 λ
//	share within = 1 − 78.58 / 182.5 = 0.5694
//
// The tolerance, 0.005, is several standard deviations of a year of
// Poisson referrals (36 500 of them: a relative error near 0.5%).
func TestOutpatientRTTShare(t *testing.T) {
	t.Parallel()
	p := opParams([]int{0, 0, 0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0, 0, 0})
	r, err := Run(p, Config{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := 1 - (239.0*240/2/365)/(365.0/2)
	if got := opMetric(t, r, "outpatient_rtt_within_18w_share"); math.Abs(got-want) > 0.005 {
		t.Errorf("outpatient_rtt_within_18w_share %.4f, want %.4f", got, want)
	}
	if got := opAnnual(t, r, "outpatient_first_attendances"); got != 0 {
		t.Errorf("%v first attendances with no slots", got)
	}
	// Every referral is still waiting at the start of the last day but
	// that day's: the census of day 364 is the referrals of days 0–363.
	over := DailyIndex("outpatient_pathways_over_18w")
	list := DailyIndex("outpatient_pathways")
	if r.Daily[over][364] >= r.Daily[list][364] || r.Daily[over][125] != 0 || r.Daily[over][127] <= 0 {
		t.Errorf("over 18 weeks: %v of %v on day 364, %v on day 125, %v on day 127", r.Daily[over][364], r.Daily[list][364],
			r.Daily[over][125], r.Daily[over][127])
	}
}

// TestOutpatientFollowUps gives clinics every day room for everyone, no
// day cases and a follow-up ratio of 2, one day apart. Follow-ups then
// number twice the first attendances, less those falling due after the
// year (a few days' worth: about 2 × 100 × 2 of 73 000, 0.5%); the
// tolerance, 3%, is over 4 standard deviations of a mean of 36 500
// geometric draws with mean 2 (sd √(2·3) = 2.45, so 0.013 on the ratio)
// plus that edge. Nobody waits for a follow-up, and a first appointment
// comes at the next 08:00: a wait of half a day on average, 1/14 week.
func TestOutpatientFollowUps(t *testing.T) {
	t.Parallel()
	all := []int{1000, 1000, 1000, 1000, 1000, 1000, 1000}
	p := opParams(all, all)
	p.Services.Outpatients.DayCase = 0
	p.Services.Outpatients.FollowUpSlots = all
	p.Services.Outpatients.FollowUpRatio = 2
	p.Services.Outpatients.FollowUpInterval = des.Fixed(1)
	r, err := Run(p, Config{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := opMetric(t, r, "outpatient_follow_up_ratio"); math.Abs(got-2) > 0.06 {
		t.Errorf("outpatient_follow_up_ratio %.3f, want 2 (±0.06)", got)
	}
	if got := opMetric(t, r, "outpatient_follow_ups_overdue_mean"); got != 0 {
		t.Errorf("outpatient_follow_ups_overdue_mean %v with room for all", got)
	}
	if got := opMetric(t, r, "outpatient_first_wait_weeks_mean"); math.Abs(got-1.0/14) > 0.003 {
		t.Errorf("outpatient_first_wait_weeks_mean %.4f, want %.4f", got, 1.0/14)
	}
	if got := opMetric(t, r, "outpatient_completed_within_18w_share"); got != 1 {
		t.Errorf("outpatient_completed_within_18w_share %v, want 1", got)
	}
}

// TestOutpatientAdviceAndGuidance answers 30% of referrals by advice and
// guidance: they are counted and never seen. With room for all, first
// attendances are the rest, less the referrals of the last day after its
// clinic.
func TestOutpatientAdviceAndGuidance(t *testing.T) {
	t.Parallel()
	all := []int{1000, 1000, 1000, 1000, 1000, 1000, 1000}
	p := opParams(all, all)
	p.Services.Outpatients.AdviceAndGuidance = 0.3
	r, err := Run(p, Config{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	refs, ag := opAnnual(t, r, "outpatient_referrals"), opAnnual(t, r, "outpatient_advice_and_guidance")
	if share := ag / refs; math.Abs(share-0.3) > 0.01 {
		t.Errorf("advice and guidance %.4f of referrals, want 0.3 (±0.01: 36 500 draws, sd 0.0024)", share)
	}
	seen := opAnnual(t, r, "outpatient_first_attendances")
	if waiting := refs - ag - seen; waiting < 0 || waiting > 150 {
		t.Errorf("%v referrals past advice and guidance not seen by the end, want at most the last day's (about 70 × 16/24)", waiting)
	}
}

// TestOutpatientElectiveGate sends listParams' elective referrals
// (decision to admit 7 days after referral) through outpatients. With a
// clinic every day with room for all, each is seen at the next 08:00,
// before the decision: the admissions are those of elective care without
// outpatients, to the event. With no first-appointment slots nobody has
// the appointment, so nobody is admitted, and everyone referred is on the
// elective list.
func TestOutpatientElectiveGate(t *testing.T) {
	t.Parallel()
	admissions := func(p *Params) []string {
		var got []string
		if _, err := Run(p, Config{Seed: 5, Trace: func(e TraceEvent) {
			if e.Event == "admit" {
				got = append(got, fmt.Sprintf("%d %s %.9f", e.Patient, e.Service, float64(e.Time)))
			}
		}}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	base := admissions(listParams())
	if len(base) < 400 {
		t.Fatalf("%d admissions without outpatients, want about 520", len(base))
	}
	zero := []int{0, 0, 0, 0, 0, 0, 0}
	all := []int{1000, 1000, 1000, 1000, 1000, 1000, 1000}
	p := listParams()
	p.Services.Outpatients = Outpatients{Enabled: true, FirstSlots: all, FollowUpSlots: zero, DayCaseSlots: zero}
	if got := admissions(p); strings.Join(got, "\n") != strings.Join(base, "\n") {
		t.Errorf("with room in clinic: %d admissions, want the %d without outpatients, at the same times", len(got), len(base))
	}
	p.Services.Outpatients.FirstSlots = zero
	if got := admissions(p); len(got) != 0 {
		t.Errorf("with no first appointments: %d admissions, want none", len(got))
	}
}

// TestOutpatientsCheck refuses slot lists that are not a week long and
// negative slots, at their paths.
func TestOutpatientsCheck(t *testing.T) {
	t.Parallel()
	p := opParams([]int{20, 20, 20, 20, 20}, []int{5, 5, 5, 5, 5, 0, -1})
	var got []string
	for _, e := range p.Validate() {
		got = append(got, e.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"services.outpatients.first_slots: must list 7 numbers", "services.outpatients.day_case_slots[6]: must be >= 0"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors %q lack %q", all, want)
		}
	}
}

// TestOutpatientLeads gives clinics every day room for everyone, a lead of
// 7 days to a first appointment, every patient seen listed for a day case
// and a lead of 14 days to it. A referral at a uniform time of day is seen
// at the first 08:00 at least 7 days later, 7.5 days on average; its day
// case is at 08:00 exactly 14 days after that. So the mean wait for a
// first appointment is 7.5/7 weeks and a completed pathway 21.5/7 weeks;
// the tolerance, 0.01 week, is many standard errors of a mean of
// thousands of uniform parts of a day.
func TestOutpatientLeads(t *testing.T) {
	t.Parallel()
	all := []int{1000, 1000, 1000, 1000, 1000, 1000, 1000}
	p := opParams(all, all)
	p.Services.Outpatients.DayCase = 1
	p.Services.Outpatients.Lead = 7
	p.Services.Outpatients.DayCaseLead = 14
	r, err := Run(p, Config{Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	if got := opMetric(t, r, "outpatient_first_wait_weeks_mean"); math.Abs(got-7.5/7) > 0.01 {
		t.Errorf("outpatient_first_wait_weeks_mean %.4f, want %.4f", got, 7.5/7)
	}
	if got := opMetric(t, r, "outpatient_rtt_weeks_mean"); math.Abs(got-21.5/7) > 0.01 {
		t.Errorf("outpatient_rtt_weeks_mean %.4f, want %.4f", got, 21.5/7)
	}
	// Every pathway ends with a day case: as many as first attendances
	// but those seen in the last 14 days.
	first, cases := opAnnual(t, r, "outpatient_first_attendances"), opAnnual(t, r, "day_cases")
	if d := first - cases; d < 14*80 || d > 14*120 {
		t.Errorf("%v first attendances and %v day cases: %v listed in the last 14 days, want about 1 400", first, cases, d)
	}
}

// TestOutpatientFollowUpCensus starts a run without warm-up whose
// patients have follow-ups 30 days apart (ratio 2): the follow-ups due in
// its first 30 days are all those of patients seen before it, which the
// census books as if the clinics had seen the start's 100 referrals a day
// for three years. In the steady state each day sees 100 × 2 follow-ups
// (each patient seen d days ago with at least d/30 follow-ups, summed
// over d: Σ_j 100·30·q^j / 30 = 100 · r). The first 60 days' mean, 12 000
// follow-ups, has a standard error near 1% (the geometric counts' sd
// 2.45 per patient over 6 000 patients); the tolerance is 5%.
func TestOutpatientFollowUpCensus(t *testing.T) {
	t.Parallel()
	all := []int{1000, 1000, 1000, 1000, 1000, 1000, 1000}
	p := opParams(all, all)
	p.Services.Outpatients.DayCase = 0
	p.Services.Outpatients.FollowUpSlots = all
	p.Services.Outpatients.FollowUpRatio = 2
	p.Services.Outpatients.FollowUpInterval = des.Fixed(30)
	r, err := Run(p, Config{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	fu := DailyIndex("outpatient_follow_ups")
	sum := 0.0
	for d := range 60 {
		sum += r.Daily[fu][d]
	}
	if mean := sum / 60; math.Abs(mean-200) > 10 {
		t.Errorf("%.1f follow-ups a day in the first 60 days, want 200 (±10)", mean)
	}
}
