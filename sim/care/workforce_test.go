package care

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
)

// workforceParams is a system of 20 intermediate-care beds and nothing
// else, no patient in them, each bed needing one nurse: whatever happens
// to the beds is the workforce's doing.
func workforceParams(horizon des.Time, w Workforce) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: horizon,
		Services: Services{
			IntermediateCare: IntermediateCare{Enabled: true, Beds: 20, LengthOfStay: des.Fixed(10),
				Outcomes: Outcomes{Home: 1}, Staff: Staffing{Nurses: 1}},
		},
		Workforce: w,
	}
}

func runWorkforce(t *testing.T, p *Params) *Result {
	t.Helper()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := Run(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.9g, want %.9g", what, got, want)
	}
}

// TestWorkforceSteadyState: 20 beds at 1 nurse each, 10% vacant, 10% of
// nurses leaving a year and a vacancy taking 365.25 × 0.1 / (0.1 × 0.9)
// days to fill, so that recruits (2 / T a day) balance leavers (18 × 0.1
// / 365.25 a day) and every day is the first. Bank and agency cover half
// the vacancies: 18 + 0.5 × 2 = 19 nurses available. With the rule on
// (open at 100%), 19 beds open and 1 is closed, and the agency staff are
// the 1 WTE the 19 open beds need beyond the 18 in post; with it off, all
// 20 open and the agency staff are the whole cover, 1 WTE too.
func TestWorkforceSteadyState(t *testing.T) {
	t.Parallel()
	nurses := Role{Vacancy: 0.1, Leaving: 0.1, TimeToFill: 365.25 * 0.1 / (0.1 * 0.9), AgencyCover: 0.5}
	for _, c := range []struct {
		close            bool
		beds, closed, ag float64
	}{
		{true, 19, 1, 1},
		{false, 20, 0, 1},
	} {
		p := workforceParams(365, Workforce{Enabled: true, Close: c.close, OpenAt: 1, Nurses: nurses})
		r := runWorkforce(t, p)
		y := r.Annual[0]
		const tol = 1e-9
		near(t, "wte_needed_nurses", y[AnnualIndex("wte_needed_nurses")], 20, tol)
		near(t, "wte_in_post_nurses", y[AnnualIndex("wte_in_post_nurses")], 18, tol)
		near(t, "wte_vacant_nurses", y[AnnualIndex("wte_vacant_nurses")], 2, tol)
		near(t, "wte_agency_nurses", y[AnnualIndex("wte_agency_nurses")], c.ag, tol)
		near(t, "wte_agency_nurses_community", y[AnnualIndex("wte_agency_nurses_community")], c.ag, tol)
		near(t, "wte_needed_doctors", y[AnnualIndex("wte_needed_doctors")], 0, 0)
		near(t, "intermediate_care_units_unstaffed", y[AnnualIndex("intermediate_care_units_unstaffed")], c.closed, tol)
		near(t, "ic_beds", y[AnnualICBeds], c.beds, tol)
		near(t, "vacancy_rate_nurses", r.Metrics[MetricIndex("vacancy_rate_nurses")], 0.1, tol)
	}
}

// TestWorkforceRecruitment: a tenth of the nurses vacant at the start, no
// leavers, and a vacancy taking 100 days to fill: each midnight fills a
// hundredth of the vacancies, so on day d (the first update is at day 1)
// V_d = 2 × 0.99^d, and over the 365 days of the year
//
//	mean V = 2 × (1 − 0.99^365) / (365 × 0.01)
//
// With no agency cover and the rule on, the beds open on day d are
// floor(20 − V_d): 18 on day 0, 19 from the day V falls to 1 or below
// (0.99^d ≤ 0.5: d = 69), and 20 never, as V never reaches 0.
func TestWorkforceRecruitment(t *testing.T) {
	t.Parallel()
	p := workforceParams(365, Workforce{Enabled: true, Close: true, OpenAt: 1,
		Nurses: Role{Vacancy: 0.1, TimeToFill: 100}})
	r := runWorkforce(t, p)
	want := 2 * (1 - math.Pow(0.99, 365)) / (365 * 0.01)
	near(t, "wte_vacant_nurses", r.Annual[0][AnnualIndex("wte_vacant_nurses")], want, 1e-9)
	beds := r.Daily[DailyICBeds]
	for d, got := range beds {
		want := 18.0
		if d >= 1 {
			want = math.Floor(20 - 2*math.Pow(0.99, float64(d)) + 1e-9)
		}
		if got != want {
			t.Fatalf("ic_beds on day %d = %v, want %v", d, got, want)
		}
	}
	if beds[68] != 18 || beds[69] != 19 {
		t.Errorf("ic_beds on days 68 and 69 = %v, %v; want 18 then 19", beds[68], beds[69])
	}
}

// TestWorkforceNewBeds: a fully staffed ward of 20 beds grows to 30 on
// 1 May (day 30). The 10 new posts are vacant; a tenth of the vacancies
// fills each midnight, the first at day 30's own midnight, after the new
// beds are planned. With no cover and the rule on, the beds open are
// floor(30 − 10 × 0.9^k) on day 30 + k: 21, 21, 22, 22, 23, ...; with the
// rule off all 30 open on day 30.
func TestWorkforceNewBeds(t *testing.T) {
	t.Parallel()
	for _, close := range []bool{true, false} {
		p := workforceParams(60, Workforce{Enabled: true, Close: close, OpenAt: 1, Nurses: Role{TimeToFill: 10}})
		p.Interventions = []Intervention{{Name: "more beds", Start: des.Date{Year: 2014, Month: 5, Day: 1},
			Changes: []Change{{Path: "services.intermediate_care.beds", To: &Effect{Low: 30, Central: 30, High: 30}}}}}
		r := runWorkforce(t, p)
		beds := r.Daily[DailyICBeds]
		for d := range 30 {
			if beds[d] != 20 {
				t.Fatalf("close %v: ic_beds on day %d = %v, want 20", close, d, beds[d])
			}
		}
		for k := range 8 {
			want := 30.0
			if close {
				want = math.Floor(30 - 10*math.Pow(0.9, float64(k+1)) + 1e-9)
			}
			if got := beds[30+k]; got != want {
				t.Errorf("close %v: ic_beds on day %d = %v, want %v", close, 30+k, got, want)
			}
		}
	}
}

// TestWorkforceOpenAt: with 19 nurses available for 20 beds, a ward that
// may run at 95% of its establishment opens every bed (19 / 0.95 = 20)
// and one that needs 96% opens 19 (floor(19 / 0.96) = 19).
func TestWorkforceOpenAt(t *testing.T) {
	t.Parallel()
	nurses := Role{Vacancy: 0.05, TimeToFill: 1e9}
	for _, c := range []struct{ at, beds float64 }{{0.95, 20}, {0.96, 19}} {
		r := runWorkforce(t, workforceParams(5, Workforce{Enabled: true, Close: true, OpenAt: c.at, Nurses: nurses}))
		near(t, fmt.Sprintf("ic_beds at open_at %v", c.at), r.Annual[0][AnnualICBeds], c.beds, 0)
	}
}

// TestWorkforceOff: switched off, the workforce counts nothing and closes
// nothing, whatever the staffing ratios, and its paths are refused in an
// intervention as reading nothing.
func TestWorkforceOff(t *testing.T) {
	t.Parallel()
	p := workforceParams(5, Workforce{Close: true, OpenAt: 1, Nurses: Role{Vacancy: 0.5}})
	r := runWorkforce(t, p)
	near(t, "ic_beds", r.Annual[0][AnnualICBeds], 20, 0)
	near(t, "wte_needed_nurses", r.Annual[0][AnnualIndex("wte_needed_nurses")], 0, 0)
	p.Interventions = []Intervention{{Name: "hire", Start: p.Start,
		Changes: []Change{{Path: "workforce.nurses.time_to_fill", To: &Effect{Low: 30, Central: 30, High: 30}}}}}
	errs := p.Validate()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "workforce is switched off") {
		t.Errorf("Validate = %v, want the change refused as reading nothing", errs)
	}
}

// TestWorkforceChecks: the section's values are checked with their paths.
func TestWorkforceChecks(t *testing.T) {
	t.Parallel()
	p := workforceParams(5, Workforce{Enabled: true, Close: true, Nurses: Role{Vacancy: 1.5, TimeToFill: -1}})
	p.Services.IntermediateCare.Staff.Doctors = -1
	p.Interventions = []Intervention{{Name: "x", Start: p.Start,
		Changes: []Change{{Path: "workforce.nurses.vacancy", To: &Effect{Low: 0.2, Central: 0.2, High: 0.2}}}}}
	var got []string
	for _, e := range p.Validate() {
		got = append(got, e.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"workforce.open_at", "workforce.nurses.vacancy", "workforce.nurses.time_to_fill",
		"services.intermediate_care.staff.doctors", "cannot be changed from a date"} {
		if !strings.Contains(all, want) {
			t.Errorf("Validate does not mention %s:\n%s", want, all)
		}
	}
}

// TestWorkforceCensusThenCut: the census fills all 20 beds, but half the
// nurses are missing with no agency cover, so the staff open 10: the 20
// patients keep their beds (nobody is evicted) while the beds open are 10
// from the start, and the beds close as the patients leave.
func TestWorkforceCensusThenCut(t *testing.T) {
	t.Parallel()
	p := workforceParams(20, Workforce{Enabled: true, Close: true, OpenAt: 1, Nurses: Role{Vacancy: 0.5, TimeToFill: 1e9}})
	p.Services.IntermediateCare.Occupied = 20
	r := runWorkforce(t, p)
	if got := r.Daily[DailyICMidnight][0]; got != 20 {
		t.Errorf("ic_occupied_midnight on day 0 = %v, want the census's 20", got)
	}
	if got := r.Daily[DailyICBeds][0]; got != 10 {
		t.Errorf("ic_beds on day 0 = %v, want the 10 the staff open", got)
	}
	if got := r.Daily[DailyICMidnight][len(r.Daily[DailyICMidnight])-1]; got > 10 {
		t.Errorf("ic_occupied_midnight on the last day = %v, want at most 10 once the census's stays end", got)
	}
}
