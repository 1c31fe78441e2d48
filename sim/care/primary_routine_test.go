package care

import (
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
)

// routineParams is primary care's routine side alone in front of
// outpatients: 10,000 people whose routine need is 100 a weekday (Routine
// 100 × 5/7 / 10,000 a person a day, falling on the 5 weekdays of 7) and
// who have no same-day need, gps GPs of 16 routine appointments each, a
// fifth of the appointments given referred, GPs making half of the
// referrals, and outpatients' per-head referrals of 0.01 a person a day
// (100 a day at full access), of which the other half come per head. 364
// days from Tuesday 1 April 2014 are 52 weeks: 260 weekdays. Clinics are
// large enough for every referral.
func routineParams(gps float64) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 364,
		Population: Population{
			Localities: []Locality{{Name: "town", People: 10_000}},
			AgeBands:   []AgeBand{{Name: "all", Share: 1, RiskShares: []float64{1}, Routine: 100.0 * 5 / 7 / 10_000}},
			Risk:       []RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Services: Services{
			PrimaryCare: PrimaryCare{Enabled: true, Localities: []PracticeGroup{{Name: "town", GPs: gps}},
				RoutinePerGP: 16, RoutineRefer: 0.2, GPReferred: 0.5},
			Outpatients: Outpatients{Enabled: true, Referrals: 0.01, FirstSlots: []int{1000, 1000, 1000, 1000, 1000, 1000, 1000},
				FollowUpSlots: []int{0, 0, 0, 0, 0, 0, 0}, DayCaseSlots: []int{0, 0, 0, 0, 0, 0, 0}},
		},
	}
}

// TestRoutineShortHandWorked checks the routine side against a hand count
// when need outgrows capacity. 5 GPs give 80 routine appointments a
// weekday for a need of Poisson(100): from the first weekday on there are
// always more than 80 waiting (the backlog grows by ≈ 20 a weekday, SD
// √100 = 10), so given is 80 × 260 = 20,800 exactly and the backlog at
// the end is the need less that, ≈ 5,200 (SD √26,000 ≈ 161). The waits
// are those of a fluid queue, 100 in and 80 out a weekday, first come
// first served: mean 36.4 days over the appointments given (a script's
// count over the 52 weeks with their weekends; it rises by 1.4 days a
// week, so the draws' ±1% on the backlog moves it by well under 1 day:
// tolerance 1.5 days). GP referrals ≈ 0.2 × 20,800 = 4,160 (SD
// √(20,800 × 0.2 × 0.8) ≈ 58), all to outpatients, whose per-head
// stream keeps half of 100 a day: 50 × 364 = 18,200 (SD √18,200 ≈ 135).
// Tolerances 5 SDs.
func TestRoutineShortHandWorked(t *testing.T) {
	t.Parallel()
	p := routineParams(5)
	r := runChecked(t, p, 1)
	get := func(name string) float64 { return annualTotal(t, r, name) }
	near := func(name string, got, want, sd float64) {
		t.Helper()
		if math.Abs(got-want) > 5*sd {
			t.Errorf("%s: %.0f, want %.0f ± %.0f", name, got, want, 5*sd)
		}
	}
	given, need := get("gp_routine_appointments"), get("gp_routine_need")
	if given != 20_800 || get("gp_routine_capacity") != 20_800 {
		t.Errorf("routine appointments given %v of %v offered, want 20,800 of 20,800", given, get("gp_routine_capacity"))
	}
	near("need", need, 26_000, 161)
	backlog := r.Daily[DailyIndex("gp_routine_backlog")]
	if last := backlog[len(backlog)-1]; last != need-given {
		t.Errorf("backlog at the end %v, want need %v less given %v", last, need, given)
	}
	if w := opMetric(t, r, "gp_routine_wait_days_mean"); math.Abs(w-36.4) > 1.5 {
		t.Errorf("mean routine wait %.2f days, want 36.4 ± 1.5", w)
	}
	gp := get("gp_outpatient_referrals")
	near("GP referrals", gp, 0.2*given, 58)
	if e := get("gp_elective_referrals"); e != 0 {
		t.Errorf("%v GP elective referrals with electives off, want 0", e)
	}
	near("referrals per head", get("outpatient_referrals")-gp, 18_200, 135)
}

// TestRoutineRoomForAll checks the other side: 10 GPs give 160 routine
// appointments a weekday for a need of 100 (P(Poisson(100) > 160) ≈
// 1e-8 a day), so every need is seen the weekday it arises: given is the
// need, the backlog is empty at every day's end, the wait is 0, and GPs
// refer a fifth of the whole need.
func TestRoutineRoomForAll(t *testing.T) {
	t.Parallel()
	r, err := Run(routineParams(10), Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	need := annualTotal(t, r, "gp_routine_need")
	if given := annualTotal(t, r, "gp_routine_appointments"); given != need {
		t.Errorf("given %v for a need of %v, want all", given, need)
	}
	for d, n := range r.Daily[DailyIndex("gp_routine_backlog")] {
		if n != 0 {
			t.Fatalf("day %d: %v waiting, want none", d, n)
		}
	}
	if w := opMetric(t, r, "gp_routine_wait_days_mean"); w != 0 {
		t.Errorf("mean wait %v days, want 0", w)
	}
	gp := annualTotal(t, r, "gp_outpatient_referrals")
	if sd := math.Sqrt(need * 0.2 * 0.8); math.Abs(gp-0.2*need) > 5*sd {
		t.Errorf("GP referrals %.0f, want %.0f ± %.0f", gp, 0.2*need, 5*sd)
	}
}

// TestRoutineElectiveShare checks who GPs refer: with electives on, a
// GP referral is elective with the band's elective rate over both
// streams' rates, here 0.0025 / (0.0025 + 0.0075) = 1/4, and the
// elective ones are patients on the waiting list, counted with the
// per-head stream's in elective_referrals (whose per-head half is
// Poisson(0.5 × 0.0025 × 10,000 × 364) = 4,550, SD 67). With 10 GPs,
// GP referrals ≈ 0.2 × 26,000 = 5,200; the elective ones ≈ 1,300 (SD
// √(5,200 × 0.25 × 0.75) ≈ 31). Tolerances 5 SDs.
func TestRoutineElectiveShare(t *testing.T) {
	t.Parallel()
	p := routineParams(10)
	p.Population.AgeBands[0].Elective = 0.0025
	p.Services.Outpatients.Referrals = 0.0075
	p.Services.Acute = Acute{Enabled: true, Beds: 1000, LengthOfStay: des.Fixed(1), Pathways: Pathways{Home: 1}}
	p.Services.Elective = Elective{Enabled: true, Decision: des.Fixed(0), Programme: 1000, Notice: 7, LengthOfStay: des.Fixed(1)}
	r := runChecked(t, p, 1)
	gp, el := annualTotal(t, r, "gp_outpatient_referrals"), annualTotal(t, r, "gp_elective_referrals")
	if sd := math.Sqrt(gp * 0.25 * 0.75); math.Abs(el-gp/4) > 5*sd {
		t.Errorf("GP elective referrals %.0f of %.0f, want a quarter ± %.0f", el, gp, 5*sd)
	}
	if got := annualTotal(t, r, "elective_referrals") - el; math.Abs(got-4_550) > 5*67 {
		t.Errorf("per-head elective referrals %.0f, want 4,550 ± 335", got)
	}
}

// TestRoutineCheck checks that GP referrals that could not be made are
// refused with their position.
func TestRoutineCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		edit func(p *Params)
		want string
	}{
		{"no rate", func(p *Params) { p.Services.PrimaryCare.RoutineRefer = 0 }, "services.primary_care.routine_refer: must be above 0"},
		{"no need", func(p *Params) { p.Population.AgeBands[0].Routine = 0 }, "services.primary_care.gp_referred: is 0.5 but no age band"},
		{"share", func(p *Params) { p.Services.PrimaryCare.GPReferred = 1.5 }, "services.primary_care.gp_referred"},
		{"negative", func(p *Params) { p.Services.PrimaryCare.RoutinePerGP = -1 }, "services.primary_care.routine_per_gp"},
		{"hub", func(p *Params) { p.Services.PrimaryCare.Localities[0].HubRoutine = -1 }, "services.primary_care.localities[0].hub_routine"},
		{"band", func(p *Params) { p.Population.AgeBands[0].Routine = -1 }, "population.age_bands[0].routine"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := routineParams(5)
			tc.edit(p)
			errs := p.Validate()
			found := false
			for _, e := range errs {
				found = found || strings.Contains(e.Error(), tc.want)
			}
			if !found {
				t.Errorf("errors %v, want one with %q", errs, tc.want)
			}
		})
	}
}
