package care_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// scheduleParams is a small Params with two interventions on acute beds
// and one on every age band's urgent demand.
func scheduleParams() *care.Params {
	p := &care.Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 3 * 365,
		Population: care.Population{AgeBands: []care.AgeBand{
			{Name: "0-64", Urgent: 0.001}, {Name: "65+", Urgent: 0.002},
		}},
		Services: care.Services{Acute: care.Acute{Beds: 400}},
	}
	start := p.Start
	p.Interventions = []care.Intervention{
		{Name: "more-beds", Start: start.AddDays(100), Ramp: 50, Changes: []care.Change{
			{Path: "services.acute.beds", Add: &care.Effect{Low: 20, Central: 20, High: 20}},
		}},
		{Name: "close-ward", Start: start.AddDays(200), Changes: []care.Change{
			{Path: "services.acute.beds", Scale: &care.Effect{Low: 0.5, Central: 0.5, High: 0.5}},
		}},
		{Name: "self-care", Start: start.AddDays(300), Ramp: 100, Changes: []care.Change{
			{Path: "population.age_bands[*].urgent", Scale: &care.Effect{Low: 0.9, Central: 0.9, High: 0.9}},
		}},
	}
	return p
}

// TestScheduleApply checks values against hand-worked ramps: beds 400 gain
// 20 linearly over days 100–150, then halve on day 200 (from 420, the
// value the first change left); urgent demand falls 10% over days 300–400.
func TestScheduleApply(t *testing.T) {
	t.Parallel()
	p := scheduleParams()
	s, err := care.NewSchedule(p, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		t      des.Time
		beds   int
		urgent [2]float64
	}{
		{0, 400, [2]float64{0.001, 0.002}},
		{99.9, 400, [2]float64{0.001, 0.002}},
		{125, 410, [2]float64{0.001, 0.002}},
		{137.5, 415, [2]float64{0.001, 0.002}},
		{150, 420, [2]float64{0.001, 0.002}},
		{199, 420, [2]float64{0.001, 0.002}},
		{200, 210, [2]float64{0.001, 0.002}},
		{350, 210, [2]float64{0.00095, 0.0019}},
		{400, 210, [2]float64{0.0009, 0.0018}},
		{1000, 210, [2]float64{0.0009, 0.0018}},
		{50, 400, [2]float64{0.001, 0.002}}, // going back in time restores the base
	}
	for _, c := range cases {
		s.Apply(c.t)
		if p.Services.Acute.Beds != c.beds {
			t.Errorf("day %v: beds %d, want %d", c.t, p.Services.Acute.Beds, c.beds)
		}
		for i, want := range c.urgent {
			if got := p.Population.AgeBands[i].Urgent; math.Abs(got-want) > 1e-15 {
				t.Errorf("day %v: age_bands[%d].urgent %v, want %v", c.t, i, got, want)
			}
		}
	}
	if got, want := s.Times(10), []des.Time{100, 110, 120, 130, 140, 150, 200, 300, 310, 320, 330, 340, 350, 360, 370, 380, 390, 400}; !equalTimes(got, want) {
		t.Errorf("Times(10) = %v, want %v", got, want)
	}
	d := s.Drawn()
	if len(d) != 4 || d[3].Path != "population.age_bands[1].urgent" || d[3].Op != "scale" || d[3].Amount != 0.9 {
		t.Errorf("Drawn = %+v", d)
	}
}

func equalTimes(a, b []des.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > 1e-9 {
			return false
		}
	}
	return true
}

// TestScheduleDraws checks that a ranged effect is drawn from the
// triangular distribution on (low, central, high): over 20 000 draws the
// mean is (l+c+h)/3 = 0.85 within 4 standard errors (sd of the triangular
// (0.7, 0.9, 0.95) is about 0.0527, so the SE is 0.00037).
func TestScheduleDraws(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(2, 3))
	const n = 20000
	sum := 0.0
	for range n {
		p := scheduleParams()
		p.Interventions[1].Changes[0].Scale = &care.Effect{Low: 0.7, Central: 0.9, High: 0.95}
		s, err := care.NewSchedule(p, r)
		if err != nil {
			t.Fatal(err)
		}
		x := s.Drawn()[1].Amount
		if x < 0.7 || x > 0.95 {
			t.Fatalf("draw %v outside [0.7, 0.95]", x)
		}
		sum += x
	}
	if mean := sum / n; math.Abs(mean-0.85) > 4*0.0527/math.Sqrt(n) {
		t.Errorf("mean draw %v, want 0.85", mean)
	}
}

// TestScheduleAligned checks common random numbers: giving the first
// change a range does not change what the later changes draw, because
// every change takes one uniform number.
func TestScheduleAligned(t *testing.T) {
	t.Parallel()
	draw := func(ranged bool) []care.Drawn {
		p := scheduleParams()
		p.Interventions[2].Changes[0].Scale = &care.Effect{Low: 0.8, Central: 0.9, High: 0.95}
		if ranged {
			p.Interventions[0].Changes[0].Add = &care.Effect{Low: 10, Central: 20, High: 40}
		}
		s, err := care.NewSchedule(p, rand.New(rand.NewPCG(5, 5)))
		if err != nil {
			t.Fatal(err)
		}
		return s.Drawn()
	}
	a, b := draw(false), draw(true)
	if a[0].Amount != 20 || b[0].Amount == 20 {
		t.Errorf("first change: %v unranged, %v ranged", a[0].Amount, b[0].Amount)
	}
	if a[2].Amount != b[2].Amount || a[2].Amount == 0.9 {
		t.Errorf("self-care drew %v and %v: want equal, and drawn from its range", a[2].Amount, b[2].Amount)
	}
}
