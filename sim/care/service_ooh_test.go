package care

import (
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
)

// oohParams is the out-of-hours GP service behind NHS 111 alone, in front
// of a large ED and acute beds: 10,000 people ringing NHS 111 100 times a
// day (Calls 0.01 a person a day, the same every day of the week), every
// call ending in primary care; the service runs from 19:00 to 08:00 on
// weekdays and all weekend, with 1,000 GPs (nobody waits). Of its
// contacts half are telephone advice, three tenths seen at its base and a
// fifth visited at home; a tenth are referred to hospital and a twentieth
// sent to A&E. Urgent demand gives no hour-of-week profile, so every hour
// weighs the same. 364 days from Tuesday 1 April 2014 are 52 weeks.
func oohParams() *Params {
	stay := des.Fixed(0.01)
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 364,
		Population: Population{
			Localities: []Locality{{Name: "town", People: 10_000}},
			AgeBands:   []AgeBand{{Name: "all", Share: 1, RiskShares: []float64{1}}},
			Risk:       []RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Demand: Demand{Urgent: UrgentDemand{Routes: []Route{
			{Name: "walk-in"}, {Name: "ambulance", Admit: 1}, {Name: "gp-referral", Admit: 1}}}},
		Services: Services{
			ED:     ED{Enabled: true, Cubicles: 1000, Treatment: stay},
			Acute:  Acute{Enabled: true, Beds: 1000, LengthOfStay: stay, Pathways: Pathways{Home: 1}},
			NHS111: NHS111{Enabled: true, Calls: 0.01, Weekend: 1, PrimaryCare: 1},
			OutOfHours: OutOfHours{Enabled: true, Clinicians: 1000, Opens: 19, Closes: 8,
				Advice: 0.5, Base: 0.3, Urgent: 0.5, UrgentWithin: 2.0 / 24,
				Telephone: des.Fixed(0.1 / 24), Consultation: des.Fixed(0.25 / 24), HomeVisit: des.Fixed(1.0 / 24),
				ToHospital: 0.1, ToAE: 0.05},
		},
	}
}

// oohShare is the share of a week's hours, all weighing the same, in which
// the service of oohParams runs: 13 of a weekday's 24 hours and all of a
// Saturday's and a Sunday's, (5 × 13/24 + 2)/7 = 0.6726.
const oohShare = (5*13.0/24 + 2) / 7

// TestOutOfHoursHandWorked checks the out-of-hours service against a hand
// count. NHS 111's 36,400 calls a year (Poisson, SD 191) all end in
// primary care: those whose hour falls in the service's hours, ≈ 0.6726 ×
// 36,400 = 24,483, are its contacts, the others, ≈ 11,917, counted in
// practices' hours. Of the contacts ≈ a half are advice, three tenths at
// the base and a fifth home visits; ≈ a tenth go to hospital by the
// gp-referral route and a twentieth to A&E by the walk-in route, and
// those are the only arrivals. With 1,000 GPs nobody waits: no urgent
// contact is late, and the mean wait is 0. Tolerances are 5 SDs of each
// Poisson or binomial count (at most 5 × √n).
func TestOutOfHoursHandWorked(t *testing.T) {
	t.Parallel()
	p := oohParams()
	r := runChecked(t, p, 1)
	get := func(name string) float64 { return annualTotal(t, r, name) }
	near := func(name string, got, want float64) { nearCount(t, name, got, want) }
	calls := get("nhs111_calls")
	near("NHS 111 calls", calls, 36_400)
	contacts, inHours := get("ooh_contacts"), get("ooh_in_hours_111")
	if contacts+inHours != get("nhs111_to_primary_care") {
		t.Errorf("contacts %v and in-hours %v do not make NHS 111's %v primary-care dispositions", contacts, inHours, get("nhs111_to_primary_care"))
	}
	if got := get("ooh_from_111"); got != contacts {
		t.Errorf("contacts from NHS 111 %v, want all %v", got, contacts)
	}
	near("contacts in the service's hours", contacts, oohShare*calls)
	advice, base, home := get("ooh_advice"), get("ooh_base"), get("ooh_home_visits")
	if advice+base+home != contacts {
		t.Errorf("advice %v, base %v and home visits %v do not make the %v contacts", advice, base, home, contacts)
	}
	near("advice", advice, 0.5*contacts)
	near("base", base, 0.3*contacts)
	near("home visits", home, 0.2*contacts)
	hosp, ae := get("ooh_to_hospital"), get("ooh_to_ae")
	near("to hospital", hosp, 0.1*contacts)
	near("to A&E", ae, 0.05*contacts)
	if got := get("ooh_urgent_late"); got != 0 {
		t.Errorf("urgent contacts late: %v, want none with 1,000 GPs", got)
	}
	if w := r.Metrics[MetricIndex("ooh_wait_mean_hours")]; w != 0 {
		t.Errorf("mean wait %v h, want 0 with 1,000 GPs", w)
	}
	if s := r.Metrics[MetricIndex("ooh_urgent_within_share")]; s != 1 {
		t.Errorf("urgent within 2 h: %v, want 1", s)
	}
	arrivals := func(k int) float64 {
		s := 0.0
		for _, x := range r.Daily[k] {
			s += x
		}
		return s
	}
	// Referred and sent patients arrive at the end of the consultation.
	if got := arrivals(DailyArrivalsGP); got != hosp {
		t.Errorf("gp-referral arrivals %v, want the %v referred to hospital", got, hosp)
	}
	if got := arrivals(DailyArrivalsWalkIn); got != ae {
		t.Errorf("walk-in arrivals %v, want the %v sent to A&E", got, ae)
	}
	if got := arrivals(DailyArrivalsAmbulance); got != 0 {
		t.Errorf("ambulance arrivals %v, want none", got)
	}
}

// TestOutOfHoursDirect checks the direct contacts: with NHS 111 off and
// Direct 0.01 a person a day, 10,000 people make ≈ 36,400 contacts a
// year (SD 191), all in the service's hours, none counted in practices'
// hours; and the service's hours are right by the hour: every contact
// starts (nobody waits) in an hour the service runs.
func TestOutOfHoursDirect(t *testing.T) {
	t.Parallel()
	p := oohParams()
	p.Services.NHS111.Enabled = false
	p.Services.OutOfHours.Direct = 0.01
	var starts []des.Time
	trace := func(e TraceEvent) {
		if e.Event == "start" && e.Service == svcOOH.name {
			starts = append(starts, e.Time)
		}
	}
	r, err := Run(p, Config{Seed: 2, Trace: trace})
	if err != nil {
		t.Fatal(err)
	}
	contacts := annualTotal(t, r, "ooh_contacts")
	if want := 36_400.0; math.Abs(contacts-want) > 5*math.Sqrt(want) {
		t.Errorf("direct contacts %v, want %v ± %.0f", contacts, want, 5*math.Sqrt(want))
	}
	if got := annualTotal(t, r, "ooh_in_hours_111"); got != 0 {
		t.Errorf("in-hours count %v, want 0 with NHS 111 off", got)
	}
	o := &p.Services.OutOfHours
	for _, at := range starts {
		d := math.Floor(float64(at))
		wd := p.Start.AddDays(int(d)).Weekday()
		if h := int(24 * (float64(at) - d)); !o.open(wd, h) {
			t.Errorf("a consultation starts at %.4f (weekday %d, hour %d), outside the service's hours", float64(at), wd, h)
		}
	}
	if len(starts) == 0 {
		t.Error("no consultation in the trace")
	}
}

// TestOutOfHoursHours checks the service's hours: a weekday from 19:00
// to 08:00 the next morning, and Saturdays and Sundays all day.
func TestOutOfHoursHours(t *testing.T) {
	t.Parallel()
	o := &OutOfHours{Opens: 19, Closes: 8}
	for _, c := range []struct {
		wd, h int
		open  bool
	}{
		{0, 0, true}, {0, 7, true}, {0, 8, false}, {0, 18, false}, {0, 19, true}, {0, 23, true},
		{4, 12, false}, {4, 19, true}, {5, 12, true}, {6, 8, true}, {6, 23, true},
	} {
		if got := o.open(c.wd, c.h); got != c.open {
			t.Errorf("weekday %d hour %d: open %v, want %v", c.wd, c.h, got, c.open)
		}
	}
}

// TestFrontDoorToOutOfHours checks the single front door combined with
// the service: 100 walk-ins a day, none needing admission, all streamed
// to the out-of-hours GPs. Those who come in the service's hours, ≈
// 0.6726 of 36,400, are seen by them, at the base; the others go to
// urgent treatment. Their need of admission was decided on arrival, so
// the service sends none of them on. NHS 111's contacts (oohParams) are
// sent to A&E half the time, as walk-ins, whom the front door does not
// stream back to the service: they go to urgent treatment. So the
// service's contacts are its NHS 111 contacts and the walk-ins it was
// streamed, every one it sends on is from NHS 111, and urgent treatment
// sees every walk-in it does not.
func TestFrontDoorToOutOfHours(t *testing.T) {
	t.Parallel()
	p := oohParams()
	p.Demand.Urgent.Routes[0].PerDay = 100
	p.Services.FrontDoor = FrontDoor{Enabled: true, Routes: []string{"walk-in"}, ToOutOfHours: 1}
	p.Services.OutOfHours.ToHospital, p.Services.OutOfHours.ToAE = 0, 0.5
	p.Services.UrgentTreatment = UrgentTreatment{Enabled: true, Clinicians: 1000, Treatment: des.Fixed(0.01)}
	r := runChecked(t, p, 3)
	get := func(name string) float64 { return annualTotal(t, r, name) }
	contacts, fd, from111 := get("ooh_contacts"), get("ooh_front_door"), get("ooh_from_111")
	if fd+from111 != contacts {
		t.Errorf("front-door contacts %v and NHS 111's %v do not make the %v contacts (none streamed back)", fd, from111, contacts)
	}
	if get("ooh_base") < fd {
		t.Errorf("contacts at the base %v, fewer than the %v walk-ins", get("ooh_base"), fd)
	}
	walkIns := 0.0
	for _, x := range r.Daily[DailyArrivalsWalkIn] {
		walkIns += x
	}
	ae := get("ooh_to_ae")
	if want := 0.5 * from111; math.Abs(ae-want) > 5*math.Sqrt(want) {
		t.Errorf("sent to A&E %v, want %.0f, half the NHS 111 contacts and none of the walk-ins", ae, want)
	}
	first := walkIns - ae // the walk-ins who came of themselves
	if want := 36_400.0; math.Abs(first-want) > 5*math.Sqrt(want) {
		t.Errorf("walk-ins %v, want %v", first, want)
	}
	if want := oohShare * first; math.Abs(fd-want) > 5*math.Sqrt(want) {
		t.Errorf("walk-ins seen out of hours %v, want %.0f", fd, want)
	}
	if got, want := get("utc_attendances"), walkIns-fd; got != want {
		t.Errorf("urgent treatment attendances %v, want the %v walk-ins not seen out of hours", got, want)
	}
}

// TestNHS111ShareOn checks NHS 111's share of the population's calls
// while it took over: 163 of 230 a thousand a year until 1 April 2014 and
// all of them from then, as baseline.yaml has it.
func TestNHS111ShareOn(t *testing.T) {
	t.Parallel()
	n := &NHS111{Calls: 230, Earlier: []CallRate{{Until: des.Date{Year: 2014, Month: 4, Day: 1}, Calls: 163}}}
	for _, c := range []struct {
		d    des.Date
		want float64
	}{
		{des.Date{Year: 2013, Month: 1, Day: 1}, 163.0 / 230},
		{des.Date{Year: 2014, Month: 3, Day: 31}, 163.0 / 230},
		{des.Date{Year: 2014, Month: 4, Day: 1}, 1},
		{des.Date{Year: 2020, Month: 4, Day: 1}, 1},
	} {
		if got := n.shareOn(c.d); got != c.want {
			t.Errorf("share on %v: %v, want %v", c.d, got, c.want)
		}
	}
}

// TestNHS111EarlierRateRuns checks the earlier rate in a run: with NHS
// 111's own calls 0.005 a person a day until the second year and the
// population's 0.01 throughout, 10,000 people ring ≈ 36,500 times a year
// (SD 191) in both years; NHS 111 answers ≈ half of them, 18,250, in the
// first and all in the second, the services it replaced the rest; and the
// dispositions, here all primary care, are of all the calls, so the
// out-of-hours service's contacts do not change with the share.
func TestNHS111EarlierRateRuns(t *testing.T) {
	t.Parallel()
	p := oohParams()
	p.Start = des.Date{Year: 2013, Month: 4, Day: 1}
	p.Horizon = 730
	p.Services.NHS111.Earlier = []CallRate{{Until: des.Date{Year: 2014, Month: 4, Day: 1}, Calls: 0.005}}
	r := runChecked(t, p, 4)
	near := func(name string, got, want float64) { nearCount(t, name, got, want) }
	calls, replaced, prim := AnnualIndex("nhs111_calls"), AnnualIndex("nhs111_replaced_calls"), AnnualIndex("nhs111_to_primary_care")
	y0, y1 := r.Annual[0], r.Annual[1]
	near("NHS 111's calls, first year", y0[calls], 18_250)
	near("the replaced services' calls, first year", y0[replaced], 18_250)
	near("NHS 111's calls, second year", y1[calls], 36_500)
	if y1[replaced] != 0 {
		t.Errorf("the replaced services' calls in the second year: %v, want none", y1[replaced])
	}
	for y, a := range [][]float64{y0, y1} {
		if a[prim] != a[calls]+a[replaced] {
			t.Errorf("year %d: primary-care dispositions %v, want all %v calls", y, a[prim], a[calls]+a[replaced])
		}
	}
}

// TestOutOfHoursChecks checks the service's and NHS 111's earlier rates'
// checks.
func TestOutOfHoursChecks(t *testing.T) {
	t.Parallel()
	p := oohParams()
	o := &p.Services.OutOfHours
	o.Closes, o.Advice, o.Base, o.ToHospital, o.ToAE, o.Clinicians = 20, 0.6, 0.6, 0.7, 0.7, 0
	p.Services.NHS111.Earlier = []CallRate{{Until: des.Date{Year: 2015, Month: 4, Day: 1}, Calls: 0.02}, {Until: des.Date{Year: 2014, Month: 4, Day: 1}}}
	p.Services.FrontDoor = FrontDoor{Enabled: true, Routes: []string{"walk-in"}, ToED: 0.5, ToOutOfHours: 0.6}
	errs := p.Validate()
	for _, w := range []string{
		"services.out_of_hours.closes: must be at or before opens",
		"services.out_of_hours.base: advice and base",
		"services.out_of_hours.to_ae: to_hospital and to_ae",
		"services.out_of_hours.clinicians: must be > 0",
		"services.nhs_111.earlier[1].until: 2014-04-01 is not after",
		"services.nhs_111.earlier[0].calls: NHS 111's own calls",
		"services.front_door: shares must sum to 1",
	} {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e.Error(), w)
		}
		if !found {
			t.Errorf("no error %q in %v", w, errs)
		}
	}
}
