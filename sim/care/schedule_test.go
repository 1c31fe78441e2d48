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

// TestScheduleEnd checks an intervention that ends, stacked with one that
// does not, against hand-worked values. Beds 400: "winter" adds 20 from
// day 100 to its last day 199 (so it is gone from day 200), ramping down
// over the 40 days before; "growth" scales by 1.1 from day 150 for good.
// Each contribution comes and goes with its own intervention:
//
//	day 120:  400 + 20 = 420
//	day 150:  420 × 1.1 = 462
//	day 170:  400 + 20 × (200 − 170)/40 = 415, × 1.1 = 456.5 → 457 (rounded after each change: 415 → 456.5 → 457)
//	day 199:  400 + 20 × 1/40 = 400.5 → 401, × 1.1 = 441.1 → 441 (its last day)
//	day 200:  400 × 1.1 = 440, as if winter had never been
//
// With the order reversed (growth written first) the same days give
// 440 + 20 = 460, 455 and 440: scale applies before the add.
func TestScheduleEnd(t *testing.T) {
	t.Parallel()
	day := func(n int) des.Date { return des.Date{Year: 2014, Month: 4, Day: 1}.AddDays(n) }
	winter := care.Intervention{Name: "winter", Start: day(100), End: day(199), RampDown: 40, Changes: []care.Change{
		{Path: "services.acute.beds", Add: &care.Effect{Low: 20, Central: 20, High: 20}},
	}}
	growth := care.Intervention{Name: "growth", Start: day(150), Changes: []care.Change{
		{Path: "services.acute.beds", Scale: &care.Effect{Low: 1.1, Central: 1.1, High: 1.1}},
	}}
	cases := []struct {
		name  string
		ivs   []care.Intervention
		beds  map[des.Time]int
		times []des.Time
	}{
		{"winter first", []care.Intervention{winter, growth},
			map[des.Time]int{0: 400, 99: 400, 100: 420, 120: 420, 150: 462, 160: 462, 170: 457, 199: 441, 200: 440, 1000: 440},
			[]des.Time{100, 150, 160, 180, 200}},
		{"growth first", []care.Intervention{growth, winter},
			map[des.Time]int{0: 400, 100: 420, 120: 420, 150: 460, 170: 455, 200: 440, 1000: 440},
			[]des.Time{100, 150, 160, 180, 200}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := scheduleParams()
			p.Interventions = c.ivs
			s, err := care.NewSchedule(p, rand.New(rand.NewPCG(1, 1)))
			if err != nil {
				t.Fatal(err)
			}
			for d, want := range c.beds {
				s.Apply(d)
				if got := p.Services.Acute.Beds; got != want {
					t.Errorf("day %v: beds %d, want %d", d, got, want)
				}
			}
			if got := s.Times(20); !equalTimes(got, c.times) {
				t.Errorf("Times(20) = %v, want %v", got, c.times)
			}
		})
	}
}

// TestScheduleLag checks a change's lag: its ramp starts lag days after
// the intervention's start, while another change of the same
// intervention starts on time; the lag is drawn from the triangular
// distribution on (low, central, high), with mean (0 + 365 + 1095)/3 =
// 486.67 days over 20 000 replications within 4 standard errors (sd of
// the triangular (0, 365, 1095) is √((a²+b²+c²−ab−ac−bc)/18) = 227.6 days,
// so the SE is 1.6); and the effects drawn are those of the schedule
// without the lag, so that adding a lag moves no effect (common random
// numbers).
func TestScheduleLag(t *testing.T) {
	t.Parallel()
	lagged := func(lag *care.Effect) *care.Params {
		p := scheduleParams()
		p.Interventions[0].Changes = append(p.Interventions[0].Changes, care.Change{
			Path: "population.age_bands[0].urgent", Scale: &care.Effect{Low: 0.5, Central: 0.8, High: 0.9}, Lag: lag})
		p.Interventions[2].Changes[0].Scale = &care.Effect{Low: 0.8, Central: 0.9, High: 0.95}
		return p
	}

	// A fixed lag of 30 days: the urgent rate starts at 130 and is full
	// at 180 (ramp 50); the beds start at 100.
	p := lagged(&care.Effect{Low: 30, Central: 30, High: 30})
	s, err := care.NewSchedule(p, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	d := s.Drawn()
	u := d[1].Amount
	for _, c := range []struct {
		t      des.Time
		beds   int
		urgent float64
	}{
		{125, 410, 0.001}, {130, 412, 0.001}, {155, 420, 0.001 * (1 + (u-1)/2)}, {180, 420, 0.001 * u},
	} {
		s.Apply(c.t)
		if p.Services.Acute.Beds != c.beds || math.Abs(p.Population.AgeBands[0].Urgent-c.urgent) > 1e-15 {
			t.Errorf("day %v: beds %d, urgent %v; want %d, %v", c.t, p.Services.Acute.Beds, p.Population.AgeBands[0].Urgent, c.beds, c.urgent)
		}
	}
	if d[1].Lag != 30 || d[0].Lag != 0 {
		t.Errorf("lags drawn %v and %v, want 0 for the beds and 30", d[0].Lag, d[1].Lag)
	}
	if got, want := s.Times(25)[:6], []des.Time{100, 125, 130, 150, 155, 180}; !equalTimes(got, want) {
		t.Errorf("Times(25) starts %v, want %v", got, want)
	}

	// The same seed with and without a ranged lag: the same effects.
	plain, err := care.NewSchedule(lagged(nil), rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	with, err := care.NewSchedule(lagged(&care.Effect{Low: 0, Central: 365, High: 1095}), rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	a, b := plain.Drawn(), with.Drawn()
	for i := range a {
		if a[i].Amount != b[i].Amount {
			t.Errorf("change %d (%s) drew %v without the lag and %v with it", i, a[i].Path, a[i].Amount, b[i].Amount)
		}
	}

	r := rand.New(rand.NewPCG(2, 3))
	const n = 20000
	sum := 0.0
	for range n {
		s, err := care.NewSchedule(lagged(&care.Effect{Low: 0, Central: 365, High: 1095}), r)
		if err != nil {
			t.Fatal(err)
		}
		l := float64(s.Drawn()[1].Lag)
		if l < 0 || l > 1095 {
			t.Fatalf("lag %v outside [0, 1095]", l)
		}
		sum += l
	}
	if mean := sum / n; math.Abs(mean-1460.0/3) > 4*227.6/math.Sqrt(n) {
		t.Errorf("mean lag %v, want %v", mean, 1460.0/3)
	}
}
