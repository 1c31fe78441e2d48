package care

import (
	"math"
	"testing"

	"caresim/sim/des"
)

// fitAtOnce is four emergency patients in acute beds at the start (the
// census), each medically fit at time 0 (a clinical stay of 0 days), all
// leaving by pathway, with nothing else coming, for 30 days.
func fitAtOnce(pathways Pathways) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 30,
		Services: Services{
			Acute: Acute{Enabled: true, Beds: 10, Occupied: 4, LengthOfStay: des.Fixed(0), Pathways: pathways},
		},
	}
}

// sumAnnual is the annual measure named name over every year of r.
func sumAnnual(t *testing.T, r *Result, name string) float64 {
	t.Helper()
	k := AnnualIndex(name)
	if k < 0 {
		t.Fatalf("no annual measure %s", name)
	}
	s := 0.0
	for _, a := range r.Annual {
		s += a[k]
	}
	return s
}

// TestDelaysHandWorked checks small systems whose delays can be worked by
// hand. Four patients are fit at time 0 (fitAtOnce):
//
//   - home care: the market has 20 hours a week and every package is 10
//     hours for 7 days, so two start at once and two wait 7 days for
//     their hours: 14 delayed days, 20 hours in use until day 14;
//   - a package of 30 hours, larger than the market's 20, starts only
//     when nothing else runs: one at a time, waits of 0, 7, 14 and 21
//     days, 42 delayed days;
//   - medicines for half a day and transport for a quarter: the longer
//     wait holds each patient, 4 × 0.5 = 2 days, all medicines';
//   - a care home (pathway 3) with free beds, after an assessment of 2
//     days and a family's choice of 1: 8 days of assessment and 4 of
//     choice, and no wait for the place;
//   - the same with one free care-home bed and nine residents who stay
//     1,000 days: after the first patient takes the bed, three wait for
//     a nursing home to the end of the run, 90 days in all, less any a
//     resident's death frees (the census finds each of them a uniform
//     part of the way through their stay, so about one in 30 dies in the
//     30 days): at most 90, and at least 60.
//
// Attribution sends each reason's days where its shares say: all to the
// NHS or all to both here, so that the owners' days are exact.
func TestDelaysHandWorked(t *testing.T) {
	t.Parallel()
	homeCare := func(hours float64, pkg float64) HomeCare {
		return HomeCare{Enabled: true, Hours: hours, Package: des.Fixed(pkg), Duration: des.Fixed(7), FromHome: 1}
	}
	for _, tc := range []struct {
		name   string
		edit   func(p *Params)
		reason map[string]float64 // delayed days by reason, over the run
		owner  map[string]float64
		atMost bool // the days are at most those given, and at least two thirds of them
		check  func(t *testing.T, r *Result)
	}{
		{
			name: "home care, two packages at once",
			edit: func(p *Params) {
				p.Services.HomeCare = homeCare(20, 10)
				p.Services.Delays.Attribution.HomeCare = Owners{NHS: 1}
			},
			reason: map[string]float64{"home_care": 14},
			owner:  map[string]float64{"nhs": 14},
			check: func(t *testing.T, r *Result) {
				in := r.Daily[DailyIndex("home_care_hours_mean")]
				for d, want := range map[int]float64{0: 20, 6: 20, 13: 20, 14: 0, 29: 0} {
					if in[d] != want {
						t.Errorf("home_care_hours_mean on day %d = %v, want %v", d, in[d], want)
					}
				}
				if got := sumAnnual(t, r, "home_care_starts_hospital"); got != 4 {
					t.Errorf("home_care_starts_hospital = %v, want 4", got)
				}
			},
		},
		{
			name: "home care, a package larger than the market",
			edit: func(p *Params) {
				p.Services.HomeCare = homeCare(20, 30)
				p.Services.Delays.Attribution.HomeCare = Owners{Both: 1}
			},
			reason: map[string]float64{"home_care": 42},
			owner:  map[string]float64{"both": 42},
		},
		{
			name: "medicines and transport",
			edit: func(p *Params) {
				p.Services.Delays.Medicines = DelayWait{Share: 1, Wait: des.Fixed(0.5)}
				p.Services.Delays.Transport = DelayWait{Share: 1, Wait: des.Fixed(0.25)}
			},
			reason: map[string]float64{"medicines": 2},
			owner:  map[string]float64{"nhs": 2},
		},
		{
			name: "assessment and choice before a free care-home bed",
			edit: func(p *Params) {
				p.Services.Acute.Pathways = Pathways{CareHome: 1}
				p.Services.Acute.Assessment = des.Fixed(2)
				p.Services.CareHomes = CareHomes{Enabled: true, Beds: 100, LengthOfStay: des.Fixed(1000)}
				p.Services.Delays.Choice = DelayWait{Share: 1, Wait: des.Fixed(1)}
				p.Services.Delays.Attribution.Assessment = Owners{NHS: 1}
				p.Services.Delays.Attribution.Choice = Owners{NHS: 1}
			},
			reason: map[string]float64{"assessment": 8, "choice": 4},
			owner:  map[string]float64{"nhs": 12},
		},
		{
			name: "one free care-home bed, nursing homes",
			edit: func(p *Params) {
				p.Services.Acute.Pathways = Pathways{CareHome: 1}
				p.Services.CareHomes = CareHomes{Enabled: true, Beds: 10, Occupied: 9, LengthOfStay: des.Fixed(1000)}
				p.Services.Delays.Nursing = 1
			},
			reason: map[string]float64{"nursing_home": 90},
			owner:  map[string]float64{"social_care": 90},
			atMost: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := fitAtOnce(Pathways{Home: 1})
			tc.edit(p)
			if errs := p.Validate(); len(errs) > 0 {
				t.Fatal(errs)
			}
			r, err := Run(p, Config{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			near := func(got, want float64) bool {
				if tc.atMost {
					return got <= want+1e-9 && got >= want*2/3
				}
				return math.Abs(got-want) <= 1e-9
			}
			for _, k := range DelayReasons {
				if got, want := sumAnnual(t, r, "delayed_days_"+k.Key), tc.reason[k.Key]; !near(got, want) {
					t.Errorf("delayed_days_%s = %v, want %v", k.Key, got, want)
				}
			}
			all := sumAnnual(t, r, "delayed_bed_days")
			owners := 0.0
			for _, o := range DelayOwners {
				got := sumAnnual(t, r, "delayed_days_"+o.Key)
				owners += got
				if want := tc.owner[o.Key]; !near(got, want) {
					t.Errorf("delayed_days_%s = %v, want %v", o.Key, got, want)
				}
			}
			if math.Abs(owners-all) > 1e-9 {
				t.Errorf("the owners' delayed days sum to %v, want delayed_bed_days %v", owners, all)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// TestHomeCareHospitalFirst checks the market's rule that a package for
// someone leaving hospital starts before any for someone at home: with
// people at home asking for packages at 50 a day, four patients who become
// fit during the first day (a clinical stay of 1 day, found part-way
// through) each start before anyone at home who was waiting when they
// asked, and no one at home starts while a patient waits.
func TestHomeCareHospitalFirst(t *testing.T) {
	t.Parallel()
	p := fitAtOnce(Pathways{Home: 1})
	p.Services.Acute.LengthOfStay = des.Fixed(1)
	p.Services.HomeCare = HomeCare{Enabled: true, Hours: 20, Package: des.Fixed(10), Duration: des.Fixed(7),
		FromHome: 1, Community: 50}
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	type life struct {
		hospital      bool
		asked, start  des.Time
		began, waited bool
	}
	people := map[int64]*life{}
	get := func(id int64) *life {
		if people[id] == nil {
			people[id] = &life{}
		}
		return people[id]
	}
	_, err := Run(p, Config{Seed: 1, Trace: func(e TraceEvent) {
		switch {
		case e.Event == "wait-home_care":
			l := get(e.Patient)
			l.hospital, l.asked, l.waited = true, e.Time, true
		case e.Event == "refer" && e.Service == "home-care":
			l := get(e.Patient)
			l.asked, l.waited = e.Time, true
		case e.Event == "start" && e.Service == "home-care":
			l := get(e.Patient)
			l.start, l.began = e.Time, true
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	hospital := 0
	for _, h := range people {
		if !h.hospital {
			continue
		}
		hospital++
		if !h.began {
			t.Fatalf("a patient who asked on day %v never started a package in 30 days", h.asked)
		}
		for _, c := range people {
			if c.hospital || !c.began {
				continue
			}
			if c.start > h.asked && c.start < h.start {
				t.Errorf("someone at home started on day %v while a patient waited from day %v to %v", c.start, h.asked, h.start)
			}
		}
	}
	if hospital != 4 {
		t.Errorf("%d patients waited for home care, want the census's 4", hospital)
	}
}

// TestDelaysAddUp runs a system with every reason for delay, each
// attributed in part to each organisation, and checks that the delayed
// days add up, each day and each year: the days by reason and the days
// by owner each sum to the days of all medically fit patients
// (delayed_bed_days, the no-criteria-to-reside count), and the DToC days
// are those of the reasons DToC counted.
func TestDelaysAddUp(t *testing.T) {
	t.Parallel()
	o := Owners{NHS: 0.3, Both: 0.2}
	p := &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 400,
		Demand:  Demand{Urgent: UrgentDemand{Routes: []Route{{Name: "ambulance", Share: 1, PerDay: 20, Admit: 1}}}},
		Services: Services{
			Acute: Acute{Enabled: true, Beds: 200, LengthOfStay: des.Exponential(3), Assessment: des.Exponential(1),
				Pathways: Pathways{Home: 0.6, Reablement: 0.15, Bed: 0.1, CareHome: 0.1, Died: 0.05}},
			IntermediateCare: IntermediateCare{Enabled: true, Beds: 25, LengthOfStay: des.Exponential(10), Outcomes: Outcomes{Home: 1}},
			Reablement:       Reablement{Enabled: true, Caseload: 40, Duration: des.Exponential(10), Outcomes: Outcomes{Home: 1}},
			CareHomes:        CareHomes{Enabled: true, Beds: 85, LengthOfStay: des.Exponential(40)},
			HomeCare: HomeCare{Enabled: true, Hours: 1800, Package: des.Exponential(10), Duration: des.Exponential(60),
				Community: 0.5, FromHome: 0.05, AfterReablement: 0.5},
			Delays: Delays{
				Medicines:   DelayWait{Share: 0.5, Wait: des.Exponential(0.2)},
				Transport:   DelayWait{Share: 0.2, Wait: des.Exponential(0.3)},
				Choice:      DelayWait{Share: 0.3, Wait: des.Exponential(2)},
				Nursing:     0.5,
				Attribution: Attribution{Assessment: o, HomeCare: o, ResidentialHome: o, NursingHome: o, Choice: o},
			},
		},
	}
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := Run(p, Config{Seed: 1, WarmUp: 30})
	if err != nil {
		t.Fatal(err)
	}
	reasons, owners := make([]int, len(DelayReasons)), make([]int, len(DelayOwners))
	for i, k := range DelayReasons {
		reasons[i] = DailyIndex("acute_delayed_" + k.Key + "_mean")
	}
	for i, o := range DelayOwners {
		owners[i] = DailyIndex("acute_delayed_" + o.Key + "_mean")
	}
	dtoc := DailyIndex("acute_dtoc_mean")
	for d := range r.Daily[DailyAcuteDelayed] {
		all := r.Daily[DailyAcuteDelayed][d]
		byReason, byOwner, byDToC := 0.0, 0.0, 0.0
		for i, k := range reasons {
			byReason += r.Daily[k][d]
			if DelayReasons[i].Code != "" {
				byDToC += r.Daily[k][d]
			}
		}
		for _, k := range owners {
			byOwner += r.Daily[k][d]
		}
		// Each is a sum of a few time-weighted means over the day.
		if math.Abs(byReason-all) > 1e-9*max(1, all) || math.Abs(byOwner-all) > 1e-9*max(1, all) ||
			math.Abs(byDToC-r.Daily[dtoc][d]) > 1e-9*max(1, all) {
			t.Fatalf("day %d: %v patients delayed, %v by reason, %v by owner; DToC %v, by its reasons %v",
				d, all, byReason, byOwner, r.Daily[dtoc][d], byDToC)
		}
	}
	for y, year := range r.Years {
		all := r.Annual[y][AnnualDelayedBedDays]
		byReason, byOwner := 0.0, 0.0
		for _, k := range DelayReasons {
			byReason += r.Annual[y][AnnualIndex("delayed_days_"+k.Key)]
		}
		for _, o := range DelayOwners {
			byOwner += r.Annual[y][AnnualIndex("delayed_days_"+o.Key)]
		}
		if math.Abs(byReason-all) > 1e-6*all || math.Abs(byOwner-all) > 1e-6*all {
			t.Errorf("%s: %v delayed days, %v by reason, %v by owner", year, all, byReason, byOwner)
		}
		for _, k := range DelayReasons {
			if r.Annual[y][AnnualIndex("delayed_days_"+k.Key)] <= 0 && y == 0 {
				t.Errorf("%s: no delayed days for %s, want every reason to occur", year, k.Key)
			}
		}
		// About 0.3, 0.5 and 0.2 of the days with a share go to the NHS,
		// social care and both; the NHS's own reasons add to its share.
		nhs, sc, both := r.Annual[y][AnnualIndex("delayed_days_nhs")], r.Annual[y][AnnualIndex("delayed_days_social_care")],
			r.Annual[y][AnnualIndex("delayed_days_both")]
		if y == 0 && !(sc > both && nhs > both && both > 0) {
			t.Errorf("%s: NHS %v, social care %v, both %v: want social care and the NHS each above both, and both above 0", year, nhs, sc, both)
		}
	}
}
