package care

import (
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
)

// primaryParams is primary care and NHS 111 alone in front of a large ED
// and acute beds: 10,000 people whose same-day need is 100 a weekday
// (SameDay 100 × 5/7 / 10,000 a person a day, falling on the 5 weekdays
// of 7), 5 GPs of 10 same-day appointments each, a tenth of the need
// urgent (seen first and referred), of those who find none a fifth to A&E and a tenth to NHS
// 111, and NHS 111 taking only those calls: a fifth of them end in an
// ambulance, two fifths in A&E, three tenths in primary care. Nobody else
// comes. 364 days from Tuesday 1 April 2014 are 52 weeks: 260 weekdays.
func primaryParams(gps float64) *Params {
	stay := des.Fixed(0.01)
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 364,
		Population: Population{
			Localities: []Locality{{Name: "town", People: 10_000}},
			AgeBands:   []AgeBand{{Name: "all", Share: 1, RiskShares: []float64{1}, SameDay: 100.0 * 5 / 7 / 10_000}},
			Risk:       []RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Demand: Demand{Urgent: UrgentDemand{Routes: []Route{
			{Name: "walk-in"}, {Name: "ambulance", Admit: 1}, {Name: "gp-referral", Admit: 1}}}},
		Services: Services{
			ED:    ED{Enabled: true, Cubicles: 1000, Treatment: stay},
			Acute: Acute{Enabled: true, Beds: 1000, LengthOfStay: stay, Pathways: Pathways{Home: 1}},
			PrimaryCare: PrimaryCare{Enabled: true, Localities: []PracticeGroup{{Name: "town", GPs: gps}},
				PerGP: 10, Refer: 0.1, ToED: 0.2, To111: 0.1},
			NHS111: NHS111{Enabled: true, Weekend: 1, Ambulance: 0.2, ED: 0.4, PrimaryCare: 0.3},
		},
	}
}

// annualTotal is the sum over the years of r's annual measure name.
func annualTotal(t *testing.T, r *Result, name string) float64 {
	t.Helper()
	k := AnnualIndex(name)
	if k < 0 {
		t.Fatalf("no annual measure %s", name)
	}
	s := 0.0
	for _, y := range r.Annual {
		s += y[k]
	}
	return s
}

// runChecked validates p and runs replication 0 of it from seed, failing
// the test on any error.
func runChecked(t *testing.T, p *Params, seed uint64) *Result {
	t.Helper()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := Run(p, Config{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// nearCount checks a Poisson or binomial count against its expected
// value, within 5 standard deviations (at most 5 × √want).
func nearCount(t *testing.T, name string, got, want float64) {
	t.Helper()
	if tol := 5 * math.Sqrt(want); math.Abs(got-want) > tol {
		t.Errorf("%s: %.0f, want %.0f ± %.0f", name, got, want, tol)
	}
}

// TestPrimaryCareHandWorked checks primary care and NHS 111 against a hand
// count. With 50 appointments a weekday for a need of Poisson(100), every
// weekday's appointments are all given (P(need < 50) ≈ 1e-7 a day): seen
// is 50 × 260 = 13,000 exactly, and unmet the rest of the need, ≈ 13,000
// (SD √26,000 ≈ 161). Then, a year: referrals ≈ 0.1 × 26,000 = 2,600 (SD
// √(26,000 × 0.1 × 0.9) ≈ 48), all among the seen; to A&E ≈ 0.2 × 13,000 = 2,600 and to NHS
// 111 ≈ 0.1 × 13,000 = 1,300; of those calls ≈ 260 ambulances, 520 to
// A&E, 390 to primary care, 130 none. Arrivals are exactly those
// referrals (gp-referral), A&E walk-ins of both kinds (walk-in) and
// ambulances (ambulance). Tolerances are 5 SDs of each binomial or
// Poisson count (at most 5 × √n). No need falls on a weekend.
func TestPrimaryCareHandWorked(t *testing.T) {
	t.Parallel()
	p := primaryParams(5)
	r := runChecked(t, p, 1)
	get := func(name string) float64 { return annualTotal(t, r, name) }
	near := func(name string, got, want float64) { nearCount(t, name, got, want) }
	seen, need, unmet := get("gp_same_day_appointments"), get("gp_same_day_need"), get("gp_same_day_unmet")
	if seen != 13_000 || get("gp_same_day_capacity") != 13_000 {
		t.Errorf("appointments given %v of %v offered, want 13,000 of 13,000", seen, get("gp_same_day_capacity"))
	}
	if need != seen+unmet {
		t.Errorf("need %v is not seen %v plus unmet %v", need, seen, unmet)
	}
	near("need", need, 26_000)
	near("referrals", get("gp_referrals"), 0.1*need)
	toED := get("gp_unmet_to_ae")
	near("unmet to A&E", toED, 0.2*unmet)
	calls := get("nhs111_calls")
	near("NHS 111 calls (the unmet who ring)", calls, 0.1*unmet)
	amb, ed := get("nhs111_to_ambulance"), get("nhs111_to_ae")
	near("111 ambulances", amb, 0.2*calls)
	near("111 to A&E", ed, 0.4*calls)
	near("111 to primary care", get("nhs111_to_primary_care"), 0.3*calls)
	if sum := amb + ed + get("nhs111_to_primary_care") + get("nhs111_to_other") + get("nhs111_no_service"); sum != calls {
		t.Errorf("dispositions sum to %v, want the %v calls", sum, calls)
	}
	arrivals := func(k int) float64 {
		s := 0.0
		for _, x := range r.Daily[k] {
			s += x
		}
		return s
	}
	if got, want := arrivals(DailyArrivalsGP), get("gp_referrals"); got != want {
		t.Errorf("gp-referral arrivals %v, want the %v referrals", got, want)
	}
	if got, want := arrivals(DailyArrivalsWalkIn), toED+ed; got != want {
		t.Errorf("walk-in arrivals %v, want %v to A&E for want of an appointment plus %v from NHS 111", got, toED, ed)
	}
	if got := arrivals(DailyArrivalsAmbulance); got != amb {
		t.Errorf("ambulance arrivals %v, want the %v NHS 111 ambulances", got, amb)
	}
	unmetDay := r.Daily[DailyIndex("gp_same_day_unmet")]
	for d, n := range unmetDay {
		wd := p.Start.AddDays(d).Weekday()
		if (wd >= 5) != (n == 0) {
			t.Errorf("day %d (weekday %d): %v without an appointment, want none at weekends and some (≈ 50) on weekdays", d, wd, n)
		}
	}
}

// TestPrimaryCareRoomForAll checks the rule's other side: with 200
// appointments a weekday for a need of 100, nobody goes without, so no
// one goes to A&E or NHS 111 and every one of the need is seen: the
// referrals are a tenth of the whole need.
func TestPrimaryCareRoomForAll(t *testing.T) {
	t.Parallel()
	r, err := Run(primaryParams(20), Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	need := annualTotal(t, r, "gp_same_day_need")
	if seen := annualTotal(t, r, "gp_same_day_appointments"); seen != need {
		t.Errorf("seen %v of a need of %v, want all", seen, need)
	}
	for _, name := range []string{"gp_same_day_unmet", "gp_unmet_to_ae", "nhs111_calls"} {
		if got := annualTotal(t, r, name); got != 0 {
			t.Errorf("%s: %v, want 0", name, got)
		}
	}
	if got, want := annualTotal(t, r, "gp_referrals"), 0.1*need; math.Abs(got-want) > 5*math.Sqrt(want) {
		t.Errorf("referrals %v, want %.0f", got, want)
	}
}

// TestPrimaryCareHubsCutUnmetNeed checks that a hub's appointments count
// as capacity like the practices': 5 GPs and a hub of 25 a weekday give
// 75 a weekday, 19,500 a year, all used by a need of 100.
func TestPrimaryCareHubsCutUnmetNeed(t *testing.T) {
	t.Parallel()
	p := primaryParams(5)
	p.Services.PrimaryCare.Localities[0].Hub = 25
	r, err := Run(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := annualTotal(t, r, "gp_same_day_appointments"); got != 19_500 {
		t.Errorf("appointments given %v, want 19,500", got)
	}
	if got := annualTotal(t, r, "gp_hub_capacity"); got != 6_500 {
		t.Errorf("hub appointments offered %v, want 25 × 260 = 6,500", got)
	}
}

// TestPrimaryCareChecks checks that primary care's localities must be the
// population's, each once, and that the shares of the unmet and of NHS
// 111's dispositions cannot pass 1.
func TestPrimaryCareChecks(t *testing.T) {
	t.Parallel()
	p := primaryParams(5)
	p.Services.PrimaryCare.Localities = []PracticeGroup{{Name: "elsewhere", GPs: 1}}
	p.Services.PrimaryCare.To111 = 0.9
	p.Services.NHS111.Other = 0.2
	errs := p.Validate()
	want := []string{
		`services.primary_care.localities[0]: unknown locality "elsewhere"`,
		`services.primary_care.localities: missing locality "town"`,
		"services.primary_care.to_111: to_ed and to_111",
		"services.nhs_111.other: ambulance, ed, primary_care and other",
	}
	for _, w := range want {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e.Error(), w)
		}
		if !found {
			t.Errorf("no error %q in %v", w, errs)
		}
	}
}

// TestPrimaryCareUrgentFirst checks that triage sees the urgent first:
// with no appointments at all, the tenth of the need that is urgent is
// still seen and referred, and everyone else goes without.
func TestPrimaryCareUrgentFirst(t *testing.T) {
	t.Parallel()
	r, err := Run(primaryParams(0), Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	need, seen := annualTotal(t, r, "gp_same_day_need"), annualTotal(t, r, "gp_same_day_appointments")
	if ref := annualTotal(t, r, "gp_referrals"); seen != ref {
		t.Errorf("seen %v, want exactly the %v urgent referred", seen, ref)
	}
	if got, want := seen, 0.1*need; math.Abs(got-want) > 5*math.Sqrt(want) {
		t.Errorf("seen %v of a need of %v, want a tenth", got, need)
	}
	if got := annualTotal(t, r, "gp_same_day_unmet"); got != need-seen {
		t.Errorf("unmet %v, want need − seen = %v", got, need-seen)
	}
}

// TestPrimaryCareKeepsTheArrivalShape checks directHours: urgent demand's
// hour-of-week profile is the shape of all the population's urgent
// arrivals, those primary care and NHS 111 send included. The profile
// here is 4 times busier from 08:00 to 20:00 than at night, and weekend
// days 0.7 of weekdays; 100,000 people come directly once a year each,
// and primary care (need 1,000 a weekday for 500 appointments, a tenth
// urgent, half of those without an appointment to A&E) and NHS 111 (one
// call a person a year, twice as many at weekends, 40% to hospital) send
// ≈ 130,000 more, on weekdays in surgery hours and at weekends more than
// the profile has. Over a year, the share of all arrivals in each of the
// week's 28 blocks of 6 hours must be the profile's within 6% of itself
// (each block holds ≈ 8,000 arrivals, whose Poisson noise is ≈ 1%; the
// profile holds exactly only while no hour's direct share is cut to 0).
func TestPrimaryCareKeepsTheArrivalShape(t *testing.T) {
	t.Parallel()
	p := primaryParams(50)
	p.Population.Localities[0].People = 100_000
	band := &p.Population.AgeBands[0]
	band.SameDay = 1000.0 * 5 / 7 / 100_000
	band.Urgent = 1 / float64(des.Year)
	p.Demand.Urgent.Routes[0].Share = 1
	p.Services.PrimaryCare.ToED, p.Services.PrimaryCare.To111 = 0.5, 0
	p.Services.NHS111 = NHS111{Enabled: true, Calls: 1 / float64(des.Year), Weekend: 2, Ambulance: 0.2, ED: 0.2}
	p.Services.ED.Cubicles, p.Services.Acute.Beds = 100_000, 100_000
	hw := make([]float64, 168)
	for h := range hw {
		w := 0.5
		if hr := h % 24; hr >= 8 && hr < 20 {
			w = 2
		}
		if h/24 >= 5 {
			w *= 0.7
		}
		hw[h] = w
	}
	p.Demand.Urgent.HourOfWeek = hw
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	var got [28]float64
	n := 0.0
	_, err := Run(p, Config{Seed: 1, Trace: func(e TraceEvent) {
		if e.Event != "arrive" {
			return
		}
		d := int(math.Floor(float64(e.Time)))
		wd := (1 + d) % 7 // 1 April 2014 was a Tuesday
		hr := int(24 * (float64(e.Time) - float64(d)))
		got[4*wd+min(hr, 23)/6]++
		n++
	}})
	if err != nil {
		t.Fatal(err)
	}
	var want [28]float64
	total := 0.0
	for h, w := range hw {
		want[4*(h/24)+(h%24)/6] += w
		total += w
	}
	for k := range got {
		share, w := got[k]/n, want[k]/total
		if math.Abs(share-w) > 0.06*w {
			t.Errorf("weekday %d, hours %d–%d: %.4f of arrivals, want the profile's %.4f ± 6%%", k/4, 6*(k%4), 6*(k%4)+6, share, w)
		}
	}
}

// TestPrimaryCareStaffed checks primary care's staffing: the 5 GPs of
// primaryParams need one GP each, 40% of the posts are vacant at the
// start and none is filled (a vacancy takes 10⁹ days) or covered. With
// the staffing rule on (open at 100%) the 3 GPs in post open 3 of the 5,
// so the weekdays offer 3 × 10 = 30 appointments, 7,800 over the 260
// weekdays, and 2 GPs count as unstaffed; with the rule off all 5 offer
// theirs, 13,000, as without a workforce. Either way the workforce
// counts 5 GPs needed and 3 in post, and the practices' agency staff are
// the independent providers'.
func TestPrimaryCareStaffed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		close               bool
		capacity, unstaffed float64
	}{
		{true, 7_800, 2},
		{false, 13_000, 0},
	} {
		p := primaryParams(5)
		p.Services.PrimaryCare.Staff = Staffing{GPs: 1}
		p.Workforce = Workforce{Enabled: true, Close: c.close, OpenAt: 1, GPs: Role{Vacancy: 0.4, TimeToFill: 1e9}}
		if errs := p.Validate(); len(errs) > 0 {
			t.Fatal(errs)
		}
		r, err := Run(p, Config{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := annualTotal(t, r, "gp_same_day_capacity"); got != c.capacity {
			t.Errorf("close %v: same-day capacity %v, want %v", c.close, got, c.capacity)
		}
		y := r.Annual[0]
		for _, m := range []struct {
			name string
			want float64
		}{
			{"wte_needed_gps", 5}, {"wte_in_post_gps", 3}, {"primary_care_units_unstaffed", c.unstaffed},
		} {
			if got := y[AnnualIndex(m.name)]; math.Abs(got-m.want) > 1e-6 {
				t.Errorf("close %v: %s = %v, want %v", c.close, m.name, got, m.want)
			}
		}
	}
}
