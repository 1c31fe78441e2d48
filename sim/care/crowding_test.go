package care

import (
	"math"
	"slices"
	"testing"

	"caresim/sim/des"
)

// The ED crowding tests run an emergency department alone, or with a few
// acute beds behind it: patients arrive by one or two routes at per_day
// (a Poisson stream), with fixed treatment times and lengths of stay, so
// that each patient's times follow from the arrival times by hand. The
// tests read the arrival times from the event log and work the rest out
// by the rules of docs/model.md, then compare with what the model did.
// Run without warm-up, the log's times are the model's.

// edTol is how far a time may be from its hand-worked value: the times
// are sums of a few fixed durations and arrival times below 100 days, so
// 1e-9 days (0.1 ms) is far above their rounding and far below anything
// the model means by a time.
const edTol = 1e-9

const hour = des.Time(1.0 / 24)

// edDept returns a department of cubicles cubicles and corridor corridor
// spaces, with treatment fixed at treat, in front of beds acute beds with
// stays fixed at stay, for days days; patients arrive by the routes
// given, at per_day each, and all need admission when admit is 1.
func edDept(cubicles, corridor, beds int, treat, stay des.Time, days int, routes ...Route) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: des.Time(days),
		Demand:  Demand{Urgent: UrgentDemand{Routes: routes}},
		Services: Services{
			ED:    ED{Enabled: true, Cubicles: cubicles, CorridorSpaces: corridor, Treatment: des.Fixed(float64(treat))},
			Acute: Acute{Enabled: true, Beds: beds, LengthOfStay: des.Fixed(float64(stay)), Pathways: Pathways{Home: 1}},
		},
	}
}

// edEvent is one patient event of the log.
type edEvent struct {
	t              des.Time
	event, service string
}

// runED checks p, runs one replication of it with seed 1 and returns the
// model and each patient's events, in order.
func runED(t *testing.T, p *Params) (*model, map[int64][]edEvent) {
	t.Helper()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatalf("the test's scenario fails check: %v", errs)
	}
	log := map[int64][]edEvent{}
	m, err := newModel(p, Config{Seed: 1, Trace: func(e TraceEvent) {
		log[e.Patient] = append(log[e.Patient], edEvent{e.Time, e.Event, e.Service})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.run(); err != nil {
		t.Fatal(err)
	}
	return m, log
}

// at returns the time of the patient's first event named event (at
// service, if not ""), and whether there is one.
func at(evs []edEvent, event, service string) (des.Time, bool) {
	for _, e := range evs {
		if e.event == event && (service == "" || e.service == service) {
			return e.t, true
		}
	}
	return 0, false
}

// arrivals returns the patients of the log in order of arrival, with
// their arrival times and routes.
func arrivalsOf(log map[int64][]edEvent) (ids []int64, arrive []des.Time, route []string) {
	for id := range log {
		ids = append(ids, id)
	}
	slices.Sort(ids) // patients are numbered as they arrive
	for _, id := range ids {
		e := log[id][0]
		if e.event != "arrive" {
			panic("a patient's first event is not their arrival")
		}
		arrive = append(arrive, e.t)
		route = append(route, e.service)
	}
	return ids, arrive, route
}

// oneCubicle is the hand-worked department of one cubicle and one acute
// bed, every patient admitted, FIFO throughout: patient i, arriving at
// aᵢ, starts treatment when the cubicle is free, is decided to admit T
// later, and takes the bed when the patient before has stayed L in it:
//
//	startᵢ = max(aᵢ, freeᵢ₋₁)
//	dtaᵢ   = startᵢ + T
//	admitᵢ = max(dtaᵢ, admitᵢ₋₁ + L)
//
// and the cubicle is free for the next patient (freeᵢ) when patient i
// leaves it: without a corridor space, when they get the bed (exit
// block: freeᵢ = admitᵢ); with one, at the decision to admit if the
// patient before has left the corridor space by then (freeᵢ = dtaᵢ),
// else when they leave it for the bed and patient i moves into it
// (freeᵢ = admitᵢ₋₁).
type oneCubicle struct {
	start, dta, admit []des.Time
	blocked           int // patients whose start waited for a boarder to leave the cubicle
}

func workOneCubicle(arrive []des.Time, corridor bool, treat, stay des.Time) oneCubicle {
	var w oneCubicle
	free, bedFree := des.Time(0), des.Time(0)
	for i, a := range arrive {
		start := max(a, free)
		if i > 0 && free > a && free > w.dta[i-1] {
			w.blocked++ // the cubicle was held past the patient before's decision to admit
		}
		dta := start + treat
		admit := max(dta, bedFree)
		bedFree = admit + stay
		switch {
		case !corridor:
			free = admit
		case i == 0 || w.admit[i-1] <= dta:
			free = dta
		default:
			free = w.admit[i-1]
		}
		w.start = append(w.start, start)
		w.dta = append(w.dta, dta)
		w.admit = append(w.admit, admit)
	}
	return w
}

// TestEDExitBlockOneCubicle runs a department of one cubicle in front of
// one acute bed, without and with one corridor space: arrivals by
// ambulance at 6 a day, all admitted, an hour's treatment and a 3-hour
// stay (the bed is busy 75% of the time), so that a patient decided to
// admit often finds the bed taken and boards. Without a corridor space the
// boarder holds the cubicle, and the next arrival waits until the
// boarder gets the bed (the patient before them has had it 3 hours); with
// one, the boarder moves out and the next patient starts at once, unless
// the corridor space is taken too. Each patient's start, decision to admit
// and admission are worked out by hand (oneCubicle) from the arrival times
// in the log, and so are the means of the patients boarding and in the
// corridor, the 4-hour breaches and the decision-to-admit waits.
func TestEDExitBlockOneCubicle(t *testing.T) {
	t.Parallel()
	for _, corridor := range []int{0, 1} {
		p := edDept(1, corridor, 1, hour, 3*hour, 60, Route{Name: "ambulance", PerDay: 6, Admit: 1})
		m, log := runED(t, p)
		ids, arrive, _ := arrivalsOf(log)
		w := workOneCubicle(arrive, corridor == 1, hour, 3*hour)
		end := des.Time(60)
		if w.blocked < 20 {
			t.Fatalf("corridor %d: %d patients of %d waited for a boarder: too few to test", corridor, w.blocked, len(ids))
		}
		boardInt, corrInt := 0.0, 0.0
		breaches, departures := 0, 0
		var dtaWait float64
		for i, id := range ids {
			evs := log[id]
			for _, c := range []struct {
				event, service string
				want           des.Time
			}{
				{"start", "ed", w.start[i]},
				{"decide-to-admit", "ed", w.dta[i]},
				{"admit", "acute", w.admit[i]},
			} {
				got, ok := at(evs, c.event, c.service)
				if c.want >= end {
					if ok {
						t.Errorf("corridor %d, patient %d: %s at %v, after the run's end (want %v)", corridor, id, c.event, got, c.want)
					}
					break
				}
				if !ok || math.Abs(float64(got-c.want)) > edTol {
					t.Errorf("corridor %d, patient %d (arrived %.6f): %s at %v (logged %v), want %.6f", corridor, id, arrive[i], c.event, got, ok, c.want)
				}
			}
			// Boarding from the decision to admit to the bed; a
			// boarder is in the corridor space while the patient
			// after them is in the cubicle (which they left for it).
			if w.dta[i] < end {
				boardInt += float64(min(w.admit[i], end) - w.dta[i])
			}
			if corridor == 1 && i+1 < len(ids) {
				// In the corridor from when the next patient starts
				// (or the boarder's decision to admit, if later) to
				// the boarder's admission.
				from := max(w.dta[i], w.start[i+1])
				if to := min(w.admit[i], end); to > from {
					corrInt += float64(to - from)
				}
			}
			if w.admit[i] < end {
				departures++
				if w.admit[i]-arrive[i] > 4*hour {
					breaches++
				}
				dtaWait += float64(w.admit[i]-w.dta[i]) * 24
			}
		}
		a := m.result().Annual[0]
		ms := m.result().Metrics
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"ed_boarding_mean", ms[MetricIndex("ed_boarding_mean")], boardInt / float64(end)},
			{"ed_corridor_mean", ms[MetricIndex("ed_corridor_mean")], corrInt / float64(end)},
			{"ae_departures", sumDays(m, cAEDepartures), float64(departures)},
			{"ae_4h_breaches", a[AnnualAE4hBreaches], float64(breaches)},
			{"ed_dta_to_departure_hours_mean", ms[MetricIndex("ed_dta_to_departure_hours_mean")], dtaWait / float64(departures)},
		} {
			if math.Abs(c.got-c.want) > 1e-6*max(1, math.Abs(c.want)) {
				t.Errorf("corridor %d: %s = %.9g, want %.9g", corridor, c.name, c.got, c.want)
			}
		}
		t.Logf("corridor %d: %d patients, %d waited for a boarder; boarding %.3f, corridor %.3f, %d breaches",
			corridor, len(ids), w.blocked, boardInt/float64(end), corrInt/float64(end), breaches)
	}
}

// sumDays returns count c's total over the run.
func sumDays(m *model, c int) float64 {
	s := 0.0
	for d := range int(m.end) {
		s += m.counts[c].At(d)
	}
	return s
}

// TestEDBoarderKeepsCubicle is the smallest case by hand: one cubicle, no
// corridor space, and one acute bed full from the start with a patient of
// the census who stays (a uniform part of 10,000 days, more than the run
// with this seed: checked) beyond the run. The first arrival is treated
// for an hour, decided to admit, finds no bed and boards in the cubicle
// for the rest of the run; nobody after them is ever treated. With one
// corridor space the first boarder moves out, the second arrival is
// treated (from the first's decision to admit, or their own arrival if
// later) and boards in the cubicle, and nobody after them is treated.
func TestEDBoarderKeepsCubicle(t *testing.T) {
	t.Parallel()
	for _, corridor := range []int{0, 1} {
		p := edDept(1, corridor, 1, hour, 10_000, 10, Route{Name: "ambulance", PerDay: 4, Admit: 1})
		p.Services.Acute.Occupied = 1
		m, log := runED(t, p)
		ids, arrive, _ := arrivalsOf(log)
		if len(ids) < 20 {
			t.Fatalf("%d arrivals in 10 days; want about 40", len(ids))
		}
		for i, id := range ids {
			start, started := at(log[id], "start", "ed")
			_, admitted := at(log[id], "admit", "acute")
			var want des.Time
			switch {
			case i == 0:
				want = arrive[0]
			case i == 1 && corridor == 1:
				want = max(arrive[1], arrive[0]+hour)
			default:
				if started || admitted {
					t.Errorf("corridor %d: patient %d (arrival %d) started %v admitted %v; the cubicle is blocked", corridor, id, i, started, admitted)
				}
				continue
			}
			if !started || math.Abs(float64(start-want)) > edTol {
				t.Errorf("corridor %d: arrival %d started at %v (%v), want %v", corridor, i, start, started, want)
			}
			if admitted {
				t.Errorf("corridor %d: arrival %d was admitted; the census patient holds the bed", corridor, i)
			}
		}
		if got, want := m.ed.boarders, 1+corridor; got != want {
			t.Errorf("corridor %d: %d boarders at the end, want %d", corridor, got, want)
		}
		if got, want := m.lv[lvEDCorridor].Value(), corridor; got != want {
			t.Errorf("corridor %d: %d in the corridor at the end, want %d", corridor, got, want)
		}
		// Every arrival is in the department at the end: none vanished.
		if got := m.busy(svcED).Value(); got != len(ids) {
			t.Errorf("corridor %d: %d patients in the department at the end, want all %d arrivals", corridor, got, len(ids))
		}
	}
}

// TestCrowdingFactor checks the crowding factor at stated occupancies:
// 1 up to from (100%), a straight line to factor at to (150%), factor
// above; and 1 when the rule is off.
func TestCrowdingFactor(t *testing.T) {
	t.Parallel()
	on := EDCrowding{From: 1, To: 1.5, Factor: 1.08}
	tests := []struct {
		c    EDCrowding
		x    float64
		want float64
	}{
		{on, 0, 1},
		{on, 0.9, 1},
		{on, 1, 1},
		{on, 1.25, 1.04},  // halfway: 1 + 0.08/2
		{on, 1.125, 1.02}, // a quarter of the way
		{on, 1.5, 1.08},
		{on, 3, 1.08},
		{EDCrowding{From: 0.5, To: 2.5, Factor: 0.9}, 1.5, 0.95}, // a factor below 1 speeds treatment up
		{EDCrowding{}, 2, 1},
		{EDCrowding{From: 1, To: 1.5, Factor: 1}, 2, 1},
	}
	for _, tt := range tests {
		if got := tt.c.factor(tt.x); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%+v at occupancy %v: factor %v, want %v", tt.c, tt.x, got, tt.want)
		}
	}
}

// TestCrowdingSlowsTreatment runs two cubicles overloaded (60 walk-ins a
// day, an hour's treatment each: 1.25 times what they can treat), none
// admitted, with treatment taking twice as long at an occupancy of 300%
// and above, rising from 100%. Each patient's treatment, from the log, is
// an hour times the factor of the occupancy when it starts, counted from
// the log: the patients who arrived and have not left, over 2.
func TestCrowdingSlowsTreatment(t *testing.T) {
	t.Parallel()
	p := edDept(2, 0, 1, hour, hour, 10, Route{Name: "walk-in", PerDay: 60})
	p.Services.ED.Crowding = EDCrowding{From: 1, To: 3, Factor: 2}
	_, log := runED(t, p)
	// Replay the log in time order (ties in the order logged: a patient
	// leaves before the next starts in the freed cubicle).
	type ev struct {
		edEvent
		id int64
		k  int
	}
	var all []ev
	for id, evs := range log {
		for k, e := range evs {
			all = append(all, ev{e, id, k})
		}
	}
	slices.SortStableFunc(all, func(a, b ev) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		case a.id != b.id:
			return int(a.id - b.id)
		}
		return a.k - b.k
	})
	// Events at one instant are logged in the order they happen, which
	// the sort by patient cannot recover; an instant with events of two
	// patients is a departure and the start it lets in, whose occupancy
	// is counted after the departure.
	in, checked, above := 0, 0, 0
	occAt := map[int64]int{}
	for i := 0; i < len(all); i++ {
		j := i
		for j+1 < len(all) && all[j+1].t == all[i].t {
			j++
		}
		group := all[i : j+1]
		for _, e := range group {
			switch e.event {
			case "arrive":
				in++
			case "leave":
				in--
			}
		}
		for _, e := range group {
			if e.event == "start" {
				occAt[e.id] = in
			}
		}
		i = j
	}
	c := p.Services.ED.Crowding
	for id, evs := range log {
		start, ok := at(evs, "start", "ed")
		if !ok {
			continue
		}
		leave, ok := at(evs, "leave", "ed")
		if !ok {
			continue
		}
		f := c.factor(float64(occAt[id]) / 2)
		if want := hour * des.Time(f); math.Abs(float64(leave-start-want)) > edTol {
			t.Errorf("patient %d: treated %.6f h from an occupancy of %d/2, want %.6f h (factor %.4f)",
				id, float64(leave-start)*24, occAt[id], float64(want)*24, f)
		}
		checked++
		if f > 1.5 {
			above++
		}
	}
	if checked < 150 || above < 50 {
		t.Fatalf("%d treatments checked, %d slowed by more than half: too few to test", checked, above)
	}
}

// TestLeftWithoutBeingSeen runs one cubicle overloaded (36 walk-ins a day
// for an hour's treatment each, 1.5 times what it can treat), none
// admitted, with every walk-in leaving if not in a cubicle 5 hours after
// arrival. By hand, from the log: each patient starts within 5 hours of
// arrival, or leaves unseen exactly 5 hours after it, or is still waiting
// at the end, arrived less than 5 hours before it; a patient who leaves
// unseen is a departure from A&E, and a 4-hour breach; and the
// attendances are the departures plus the patients in the department at
// the end, so nobody vanishes.
func TestLeftWithoutBeingSeen(t *testing.T) {
	t.Parallel()
	const patience = 5 * hour
	p := edDept(1, 0, 1, hour, hour, 20, Route{Name: "walk-in", PerDay: 36})
	p.Services.ED.LeftWithoutBeingSeen = LeftWithoutBeingSeen{Routes: []string{"walk-in"}, Share: 1, Patience: des.Fixed(float64(patience))}
	m, log := runED(t, p)
	end := des.Time(20)
	ids, arrive, _ := arrivalsOf(log)
	unseen, left, breaches, waiting := 0, 0, 0, 0
	for i, id := range ids {
		evs := log[id]
		start, started := at(evs, "start", "ed")
		gone, wentUnseen := at(evs, "leave-unseen", "ed")
		switch {
		case started && wentUnseen:
			t.Errorf("patient %d both started and left unseen", id)
		case started:
			if start-arrive[i] > patience+edTol {
				t.Errorf("patient %d started %.4f h after arrival, after their patience of 5 h", id, float64(start-arrive[i])*24)
			}
			if l, ok := at(evs, "leave", "ed"); ok {
				left++
				if l-arrive[i] > 4*hour {
					breaches++
				}
			}
		case wentUnseen:
			unseen++
			breaches++ // 5 hours after arrival
			if math.Abs(float64(gone-arrive[i]-patience)) > edTol {
				t.Errorf("patient %d left unseen %.6f h after arrival, want 5 h", id, float64(gone-arrive[i])*24)
			}
		default:
			waiting++
			if end-arrive[i] > patience+edTol {
				t.Errorf("patient %d, arrived %.4f, neither started nor left by the end", id, arrive[i])
			}
		}
	}
	if unseen < 100 {
		t.Fatalf("%d of %d patients left unseen: too few to test", unseen, len(ids))
	}
	a := m.result().Annual[0]
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"ed_lwbs", a[AnnualIndex("ed_lwbs")], float64(unseen)},
		{"ae_departures", sumDays(m, cAEDepartures), float64(left + unseen)},
		{"ae_4h_breaches", a[AnnualAE4hBreaches], float64(breaches)},
		{"ed_attendances", a[AnnualEDAttendances], float64(len(ids))},
		{"in the department at the end", float64(m.busy(svcED).Value()), float64(len(ids) - left - unseen)},
		{"ed_lwbs_share", m.result().Metrics[MetricIndex("ed_lwbs_share")], float64(unseen) / float64(len(ids))},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	t.Logf("%d arrivals: %d seen and gone, %d left unseen, %d still there", len(ids), left, unseen, len(ids)-left-unseen)
}

// TestLeftBeforeClinician runs the department of TestLeftWithoutBeingSeen
// with a clinician seeing each patient 30 minutes into their cubicle
// (to_clinician), patience still running until then. By hand, from the
// log: a patient who starts in a cubicle less than 4.5 hours after arrival
// is seen and leaves an hour after starting; one who starts later leaves
// unseen from the cubicle 5 hours after arrival, freeing it then; one who
// never starts leaves unseen 5 hours after arrival or is still waiting at
// the end. The counts of leaving unseen, departures and attendances agree.
func TestLeftBeforeClinician(t *testing.T) {
	t.Parallel()
	const patience, toClinician = 5 * hour, hour / 2
	p := edDept(1, 0, 1, hour, hour, 20, Route{Name: "walk-in", PerDay: 36})
	p.Services.ED.LeftWithoutBeingSeen = LeftWithoutBeingSeen{Routes: []string{"walk-in"}, Share: 1,
		Patience: des.Fixed(float64(patience)), ToClinician: des.Fixed(float64(toClinician))}
	m, log := runED(t, p)
	end := des.Time(20)
	ids, arrive, _ := arrivalsOf(log)
	inCubicle, waitingRoom, left, waiting := 0, 0, 0, 0
	for i, id := range ids {
		evs := log[id]
		start, started := at(evs, "start", "ed")
		gone, wentUnseen := at(evs, "leave-unseen", "ed")
		l, seen := at(evs, "leave", "ed")
		late := started && start-arrive[i] >= patience-toClinician-edTol
		switch {
		case wentUnseen && math.Abs(float64(gone-arrive[i]-patience)) > edTol:
			t.Errorf("patient %d left unseen %.6f h after arrival, want 5 h", id, float64(gone-arrive[i])*24)
		case started && late && (!wentUnseen || seen):
			t.Errorf("patient %d started %.4f h after arrival, after 4.5 h, and was not left unseen from the cubicle", id, float64(start-arrive[i])*24)
		case started && late:
			inCubicle++
		case started && seen && math.Abs(float64(l-start-hour)) > edTol:
			t.Errorf("patient %d, seen, left %.6f h after starting, want 1 h", id, float64(l-start)*24)
		case started && seen:
			left++
		case started:
			if end-start > hour+edTol {
				t.Errorf("patient %d started at %.4f, was seen, and neither left nor was treated by the end", id, float64(start))
			}
			waiting++
		case wentUnseen:
			waitingRoom++
		default:
			waiting++
			if end-arrive[i] > patience+edTol {
				t.Errorf("patient %d, arrived %.4f, neither started nor left by the end", id, arrive[i])
			}
		}
	}
	if inCubicle < 20 || waitingRoom < 20 {
		t.Fatalf("%d left unseen from a cubicle and %d from the waiting room: too few to test", inCubicle, waitingRoom)
	}
	a := m.result().Annual[0]
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"ed_lwbs", a[AnnualIndex("ed_lwbs")], float64(inCubicle + waitingRoom)},
		{"ae_departures", sumDays(m, cAEDepartures), float64(left + inCubicle + waitingRoom)},
		{"ed_attendances", a[AnnualEDAttendances], float64(len(ids))},
		{"in the department at the end", float64(m.busy(svcED).Value()), float64(waiting)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	t.Logf("%d arrivals: %d seen and gone, %d left unseen from a cubicle, %d from the waiting room, %d still there", len(ids), left, inCubicle, waitingRoom, waiting)
}

// TestAmbulanceHandover runs one cubicle busy 83% of the time with
// ambulance and walk-in patients (10 a day each, an hour's treatment
// each), none admitted, the ambulance route handed over. A handover is the ambulance
// patient's start in a cubicle: by hand, from the log, its time is the
// start less the arrival, and the counts over 30 and 60 minutes and the
// hours beyond 15 minutes follow; walk-ins have none.
func TestAmbulanceHandover(t *testing.T) {
	t.Parallel()
	p := edDept(1, 0, 1, hour, hour, 40, Route{Name: "ambulance", PerDay: 10}, Route{Name: "walk-in", PerDay: 10})
	p.Services.ED.Handover = Handover{Routes: []string{"ambulance"}}
	m, log := runED(t, p)
	ids, arrive, route := arrivalsOf(log)
	var n, over30, over60 int
	var lost, minutes float64
	for i, id := range ids {
		start, ok := at(log[id], "start", "ed")
		if !ok || route[i] != "ambulance" {
			continue
		}
		h := start - arrive[i]
		n++
		if h > 30.0/(24*60) {
			over30++
		}
		if h > 60.0/(24*60) {
			over60++
		}
		lost += max(0, float64(h)-15.0/(24*60)) * 24
		minutes += float64(h) * 24 * 60
	}
	if over60 < 50 || n-over30 < 20 {
		t.Fatalf("%d handovers, %d over 30 minutes, %d over 60: too few of each to test", n, over30, over60)
	}
	a := m.result().Annual[0]
	ms := m.result().Metrics
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"ambulance_handovers", a[AnnualIndex("ambulance_handovers")], float64(n)},
		{"ambulance_handovers_over_30min", a[AnnualIndex("ambulance_handovers_over_30min")], float64(over30)},
		{"ambulance_handovers_over_60min", a[AnnualIndex("ambulance_handovers_over_60min")], float64(over60)},
		{"ambulance_hours_lost", a[AnnualIndex("ambulance_hours_lost")], lost},
		{"ambulance_handover_minutes_mean", ms[MetricIndex("ambulance_handover_minutes_mean")], minutes / float64(n)},
	} {
		if math.Abs(c.got-c.want) > 1e-6*max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.9g, want %.9g", c.name, c.got, c.want)
		}
	}
	t.Logf("%d handovers: %d over 30 minutes, %d over 60, %.1f hours lost", n, over30, over60, lost)
}

// TestRunSkipsCancelledEvents checks that a run ends at its end even when
// the last event before it was cancelled (a patient's leaving unseen,
// cancelled when they got a cubicle): the run must not go on to the next
// live event, after the end. Here that event would fail if handled (it
// names an intervention date the run does not have).
func TestRunSkipsCancelledEvents(t *testing.T) {
	t.Parallel()
	p := edDept(1, 0, 1, hour, hour, 2, Route{Name: "walk-in"})
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	m, err := newModel(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.cal.Cancel(m.cal.ScheduleCancellable(m.end-0.5, evLeftUnseen, 0))
	m.cal.Schedule(m.end+0.5, evSchedule, 0)
	if err := m.run(); err != nil {
		t.Fatal(err)
	}
	if m.events != 1 { // the warm-up's end, at 0
		t.Errorf("%d events handled, want 1", m.events)
	}
}

// TestAmbulanceFirst runs TestAmbulanceHandover's department with
// ambulance patients taken into the cubicle first: by hand, from the log,
// no walk-in starts while an ambulance patient waits, and each route is
// served first come, first served; the handovers are shorter than with
// one queue for all.
func TestAmbulanceFirst(t *testing.T) {
	t.Parallel()
	mean := func(first bool) float64 {
		p := edDept(1, 0, 1, hour, hour, 40, Route{Name: "ambulance", PerDay: 10}, Route{Name: "walk-in", PerDay: 10})
		p.Services.ED.Handover = Handover{Routes: []string{"ambulance"}, First: first}
		m, log := runED(t, p)
		if !first {
			return m.result().Metrics[MetricIndex("ambulance_handover_minutes_mean")]
		}
		ids, arrive, route := arrivalsOf(log)
		start := make([]des.Time, len(ids))
		started := make([]bool, len(ids))
		for i, id := range ids {
			start[i], started[i] = at(log[id], "start", "ed")
		}
		jumped := 0
		for w := range ids {
			if route[w] != "walk-in" || !started[w] {
				continue
			}
			for a := range ids {
				if route[a] == "ambulance" && arrive[a] < start[w] && (!started[a] || start[a] > start[w]) {
					t.Errorf("walk-in %d started at %.6f while ambulance patient %d (arrived %.6f) waited", ids[w], start[w], ids[a], arrive[a])
				}
				if route[a] == "walk-in" && arrive[a] > arrive[w] && started[a] && start[a] < start[w] {
					t.Errorf("walk-in %d started before walk-in %d, who arrived first", ids[a], ids[w])
				}
				if route[a] == "ambulance" && arrive[a] > arrive[w] && started[a] && start[a] < start[w] {
					jumped++
				}
			}
		}
		if jumped < 50 {
			t.Errorf("ambulance patients went before earlier walk-ins %d times: too few to test", jumped)
		}
		return m.result().Metrics[MetricIndex("ambulance_handover_minutes_mean")]
	}
	fifo, first := mean(false), mean(true)
	t.Logf("mean handover %.1f minutes in one queue, %.1f taken first", fifo, first)
	if !(first < fifo/2) {
		t.Errorf("mean handover %.1f minutes taken first, want well under %.1f in one queue", first, fifo)
	}
}

// TestLeftUnseenWithTheWaitingRoom runs the department of
// TestLeftWithoutBeingSeen, with twice the arrivals, and each patient waiting ahead adding 25
// minutes to a newcomer's sense of the wait (per_waiting). By hand, from
// the log: a patient who arrives to q patients waiting for the cubicle
// (arrived before, neither started nor gone) leaves unseen max(0, 5 h −
// q × 25 min) after arrival unless they start before then.
func TestLeftUnseenWithTheWaitingRoom(t *testing.T) {
	t.Parallel()
	const patience, per = 5 * hour, 25 * hour / 60
	p := edDept(1, 0, 1, hour, hour, 20, Route{Name: "walk-in", PerDay: 72})
	p.Services.ED.LeftWithoutBeingSeen = LeftWithoutBeingSeen{Routes: []string{"walk-in"}, Share: 1,
		Patience: des.Fixed(float64(patience)), PerWaiting: per}
	_, log := runED(t, p)
	ids, arrive, _ := arrivalsOf(log)
	inf := des.Time(math.Inf(1))
	start, gone := make([]des.Time, len(ids)), make([]des.Time, len(ids))
	for i, id := range ids {
		start[i], gone[i] = inf, inf
		if x, ok := at(log[id], "start", "ed"); ok {
			start[i] = x
		}
		if x, ok := at(log[id], "leave-unseen", "ed"); ok {
			gone[i] = x
		}
	}
	unseen, shortened, atOnce := 0, 0, 0
	for i, id := range ids {
		q := 0
		for j := range i {
			if start[j] > arrive[i] && gone[j] > arrive[i] {
				q++
			}
		}
		want := max(0, patience-per*des.Time(q))
		switch {
		case gone[i] < inf:
			unseen++
			if q > 0 {
				shortened++
			}
			if want == 0 {
				atOnce++
			}
			if math.Abs(float64(gone[i]-arrive[i]-want)) > edTol {
				t.Errorf("patient %d, %d waiting on arrival: left unseen %.6f h after arrival, want %.6f h", id, q, float64(gone[i]-arrive[i])*24, float64(want)*24)
			}
		case start[i] < inf:
			if start[i]-arrive[i] > want+edTol {
				t.Errorf("patient %d, %d waiting on arrival: started %.6f h after arrival, after their patience of %.6f h", id, q, float64(start[i]-arrive[i])*24, float64(want)*24)
			}
		}
	}
	if shortened < 100 || atOnce < 10 {
		t.Fatalf("%d left unseen, %d with patients ahead, %d at once: too few to test", unseen, shortened, atOnce)
	}
	t.Logf("%d arrivals: %d left unseen, %d with patients ahead, %d at once", len(ids), unseen, shortened, atOnce)
}
