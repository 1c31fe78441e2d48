package care

import (
	"fmt"
	"math"
	"testing"

	"caresim/sim/des"
)

// The bed-management rule's tests run a hospital of acute beds alone:
// patients arrive by one route at per_day (changed by interventions from
// given days), all need admission and, with no ED, ask for a bed
// directly. Run without warm-up, day d of the run is day d of the levels.

// bedsTol is how far a daily mean may be from its hand-worked value: the
// levels integrate a few steps a day in float64, so 1e-9 beds is far above
// their rounding and far below a bed-hour (1/24).
const bedsTol = 1e-9

// ruleHospital returns a hospital of beds acute beds, occupied of them
// filled at the start, stays of stay days, no arrivals until an
// intervention sets per_day, and the rule bm, run for days days.
func ruleHospital(beds, occupied int, stay float64, bm BedManagement, days int) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: des.Time(days),
		Demand:  Demand{Urgent: UrgentDemand{Routes: []Route{{Name: "walk-in", Admit: 1}}}},
		Services: Services{Acute: Acute{Enabled: true, Beds: beds, Occupied: occupied,
			LengthOfStay: des.Fixed(stay), Pathways: Pathways{Home: 1}, Management: bm}},
	}
}

// arrivals returns an intervention from day day of the run that sets the
// arrivals to perDay a day.
func arrivals(day int, perDay float64) Intervention {
	return Intervention{Name: fmt.Sprintf("arrivals-day-%d", day), Start: des.Date{Year: 2014, Month: 4, Day: 1}.AddDays(day),
		Changes: []Change{{Path: "demand.urgent.routes[0].per_day", To: &Effect{Low: perDay, Central: perDay, High: perDay}}}}
}

// runRule checks p and runs one replication of it to its end, returning
// the model for its levels.
func runRule(t *testing.T, p *Params) *model {
	t.Helper()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatalf("the test's scenario fails check: %v", errs)
	}
	m, err := newModel(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.run(); err != nil {
		t.Fatal(err)
	}
	return m
}

// stepMean is the mean over a day of a level that is from until the
// meeting at hour h and to after it.
func stepMean(from, to, h float64) float64 { return (from*h + to*(24-h)) / 24 }

// checkDays compares a daily series with the want function, day by day.
func checkDays(t *testing.T, name string, got []float64, want func(d int) float64) {
	t.Helper()
	bad := 0
	for d, g := range got {
		if w := want(d); math.Abs(g-w) > bedsTol {
			if bad++; bad <= 5 {
				t.Errorf("%s on day %d = %.6g, want %.6g", name, d, g, w)
			}
		}
	}
}

// TestBedRuleClosesInStepsToTheFloor holds occupancy low (6 patients in
// 20 beds, staying far beyond the run: 1e6 days, so that the chance that
// any census patient's remaining stay ends within the run is 6 × 84/1e6,
// under 0.1%, and with this seed none does) and checks the closing rule by
// hand: reviews weekly from day 0 at 08:00, a 14-day window, steps of 5,
// a floor of 8.
//
//   - day 0 and 7: no whole window yet (a review needs 14 days behind it);
//   - day 14: occupancy 6/20 = 30% < 85%: close 5 (15 open);
//   - day 21: the window (days 7–20) starts before the last closure: wait;
//   - day 28: 6/15 = 40%: close 5 (10 open); day 42: 6/10: close
//     min(5, 10 − 8) = 2, down to the floor (8 open);
//   - days 56 and 63: 6/8 = 75% < 85%, but the floor leaves nothing to
//     close;
//   - day 70: an intervention switches the rule off (close.step 0) at
//     midnight, and the closed beds reopen at once: 20 open.
//
// No bed is occupied when it closes, so each closure takes effect at the
// meeting: the beds open on a closure's day are the old number for 8
// hours and the new for 16.
func TestBedRuleClosesInStepsToTheFloor(t *testing.T) {
	t.Parallel()
	p := ruleHospital(20, 6, 1e6, BedManagement{Meeting: 8.0 / 24,
		Close: BedClosing{Step: 5, Every: 7, Window: 14, Below: 0.85, Above: 0.95, Floor: 8}}, 84)
	off := Intervention{Name: "rule-off", Start: p.Start.AddDays(70),
		Changes: []Change{{Path: "services.acute.management.close.step", To: &Effect{}}}}
	p.Interventions = []Intervention{off}
	m := runRule(t, p)
	closed := func(d int) float64 {
		if d < 70 {
			return closedToFloor(d)
		}
		return 0
	}
	checkDays(t, "closed beds", m.lv[lvAcuteClosed].DayMeans()[:84], closed)
	checkDays(t, "beds open", m.lv[svcAcute.capLv].DayMeans()[:84], func(d int) float64 { return 20 - closed(d) })
	checkDays(t, "beds planned", m.lv[lvAcutePlanned].DayMeans()[:84], func(int) float64 { return 20 })
	checkDays(t, "patients", m.busy(svcAcute).DayMeans()[:84], func(int) float64 { return 6 })
	checkDays(t, "escalation beds", m.lv[lvEscalation].DayMeans()[:84], func(int) float64 { return 0 })
}

// closedToFloor is the daily mean of the beds closed on day d (before day
// 70) by the rule of TestBedRuleClosesInStepsToTheFloor: 5 at day 14's
// meeting, 5 more at day 28's and the last 2 to the floor at day 42's.
func closedToFloor(d int) float64 {
	switch {
	case d < 14:
		return 0
	case d == 14:
		return stepMean(0, 5, 8)
	case d < 28:
		return 5
	case d == 28:
		return stepMean(5, 10, 8)
	case d < 42:
		return 10
	case d == 42:
		return stepMean(10, 12, 8)
	}
	return 12
}

// TestBedRuleReopens closes beds as TestBedRuleClosesInStepsToTheFloor
// does (at days 14, 28 and 42, down to 8 open), then floods the hospital
// from day 63 (20 arrivals a day, staying beyond the run): every bed fills
// within hours and a queue grows, so occupancy as the rule reads it (those
// waiting included) is well above 95% from then on.
//
//   - day 63: the window (days 49–62) is at 75%: nothing to close (floor);
//   - day 70: the window (days 56–69) holds the week of the flood, with
//     ≈ 20 patients more waiting every day: reopen 5 (13 open);
//   - days 77 and 91: a whole window has not passed since the last
//     reopening: wait;
//   - day 84: reopen 5 (18 open); day 98: reopen the last 2 (20 open);
//   - day 105 (window from day 91): none closed is left to reopen, and
//     the beds open never pass the 20 planned.
func TestBedRuleReopens(t *testing.T) {
	t.Parallel()
	p := ruleHospital(20, 6, 1e6, BedManagement{Meeting: 8.0 / 24,
		Close: BedClosing{Step: 5, Every: 7, Window: 14, Below: 0.85, Above: 0.95, Floor: 8}}, 112)
	p.Interventions = []Intervention{arrivals(63, 20)}
	m := runRule(t, p)
	closed := func(d int) float64 {
		switch {
		case d < 70:
			return closedToFloor(d)
		case d == 70:
			return stepMean(12, 7, 8)
		case d < 84:
			return 7
		case d == 84:
			return stepMean(7, 2, 8)
		case d < 98:
			return 2
		case d == 98:
			return stepMean(2, 0, 8)
		}
		return 0
	}
	checkDays(t, "closed beds", m.lv[lvAcuteClosed].DayMeans()[:112], closed)
	checkDays(t, "beds open", m.lv[svcAcute.capLv].DayMeans()[:112], func(d int) float64 { return 20 - closed(d) })
	// Each reopening admits waiting patients at once: the midnight after
	// it, every open bed is full.
	for _, d := range []int{71, 85, 99} {
		if got, want := m.busy(svcAcute).Midnights()[d], 20-closed(d); got != want {
			t.Errorf("patients at midnight starting day %d = %v, want every open bed full (%v)", d, got, want)
		}
	}
}

// TestEscalationOpensAndCloses checks the escalation rule on 10 beds with
// 5-day stays, a limit of 4 escalation beds opened or closed 2 at a time,
// above 95% and below 50%, at a bed meeting at 23:00. The hospital is
// empty until a surge on day 2 (40 arrivals a day, for that day only;
// about 38 have come by 23:00, and fewer than 12 with a chance under
// 1e-8):
//
//   - days 0 and 1: empty, nothing open; nothing to close;
//   - day 2, 23:00: 10 in beds and the rest waiting: open 2 (12 beds);
//   - day 3, 23:00: still a queue: open 2 more, to the limit (14);
//   - while the queue lasts, occupancy stays above 50% and nothing
//     closes; the limit holds;
//   - once the last patients are leaving and fewer than 7 of the 14
//     beds are occupied (under 50%), the next meeting closes 2 and the
//     one after the last 2: no patient waits then, and no bed closing is
//     occupied, so each closes at the meeting.
//
// The day of that first closure depends on the arrival times; the test
// finds it and checks everything around it.
func TestEscalationOpensAndCloses(t *testing.T) {
	t.Parallel()
	const days = 40
	p := ruleHospital(10, 0, 5, BedManagement{Meeting: 23.0 / 24,
		Escalation: BedEscalation{Limit: 4, Step: 2, Above: 0.95, Below: 0.5}}, days)
	p.Interventions = []Intervention{arrivals(2, 40), arrivals(3, 0)}
	m := runRule(t, p)
	esc := m.lv[lvEscalation].DayMeans()[:days]
	k := 4
	for k < days && esc[k] == 4 {
		k++
	}
	if k < 10 || k > days-3 {
		t.Fatalf("escalation beds stay at the limit from day 4 to day %d, want a closure between days 10 and %d: %v", k, days-3, esc)
	}
	want := func(d int) float64 {
		switch {
		case d < 2:
			return 0
		case d == 2:
			return stepMean(0, 2, 23)
		case d == 3:
			return stepMean(2, 4, 23)
		case d < k:
			return 4
		case d == k:
			return stepMean(4, 2, 23)
		case d == k+1:
			return stepMean(2, 0, 23)
		}
		return 0
	}
	checkDays(t, "escalation beds", esc, want)
	checkDays(t, "beds open", m.lv[svcAcute.capLv].DayMeans()[:days], func(d int) float64 { return 10 + want(d) })
	busy, wait := m.busy(svcAcute).Midnights(), m.lv[lvWaitBed].Midnights()
	// An hour after each opening the new beds are taken by waiting patients.
	if busy[3] != 12 || busy[4] != 14 {
		t.Errorf("patients at midnight after the openings = %v and %v, want 12 and 14", busy[3], busy[4])
	}
	// The limit holds while patients wait; an hour after the first
	// closure fewer than half of the 14 beds were occupied, and nobody
	// waited.
	for d := 4; d < k; d++ {
		if wait[d] > 0 && esc[d] != 4 {
			t.Errorf("day %d: %v waiting at midnight but %v escalation beds", d, wait[d], esc[d])
		}
	}
	if busy[k+1] >= 7 || wait[k+1] != 0 {
		t.Errorf("an hour after closing escalation beds on day %d: %v patients and %v waiting, want under 7 and none", k, busy[k+1], wait[k+1])
	}
	if busy[k] < 7 && wait[k] == 0 && k > 4 {
		// One hour after the meeting of day k−1, under 50% already: that
		// meeting should have closed beds (nobody arrives after day 2, so
		// occupancy only falls).
		t.Errorf("an hour after the meeting of day %d, %v patients in 14 beds (under 50%%), but it closed none", k-1, busy[k])
	}
}

// TestBedClosureWaitsForEmptyBeds closes 4 of 10 beds while every bed is
// occupied (census patients with 30-day stays, so their remaining stays
// are uniform over 0–30 days, and no arrivals), with a floor of 6, and
// checks that nobody is moved: the patients' midnight census is the same
// as in the same run without the rule, and each closed bed closes when its
// patient leaves. Until then it is open:
//
//	beds open = max(6, patients),  beds closed = 4 − max(0, patients − 6)
//
// The review on day 1 at 08:00 reads day 0's occupancy (at least 9 of 10,
// as a census patient leaves before then with chance 1.33/30 each), below
// 101%, and closes 4; the floor stops any more.
func TestBedClosureWaitsForEmptyBeds(t *testing.T) {
	t.Parallel()
	const days = 40
	rule := BedManagement{Meeting: 8.0 / 24, Close: BedClosing{Step: 4, Every: 1, Window: 1, Below: 1.01, Above: 1.5, Floor: 6}}
	m := runRule(t, ruleHospital(10, 10, 30, rule, days))
	without := runRule(t, ruleHospital(10, 10, 30, BedManagement{}, days))
	busy := m.busy(svcAcute).Midnights()[:days]
	for d := range days {
		if w := without.busy(svcAcute).Midnights()[d]; busy[d] != w {
			t.Errorf("day %d: %v patients at midnight, %v without the rule: the rule moved patients", d, busy[d], w)
		}
	}
	if busy[2] <= 6 || busy[days-1] != 0 {
		t.Fatalf("patients at midnight: %v; want more than 6 on day 2 (closures pending) and none at the end", busy)
	}
	open, closed := m.lv[svcAcute.capLv].Midnights(), m.lv[lvAcuteClosed].Midnights()
	for d := 2; d < days; d++ {
		if w := max(6, busy[d]); open[d] != w {
			t.Errorf("day %d: %v beds open at midnight with %v patients, want %v", d, open[d], busy[d], w)
		}
		if w := 4 - max(0, busy[d]-6); closed[d] != w {
			t.Errorf("day %d: %v beds closed at midnight with %v patients, want %v", d, closed[d], busy[d], w)
		}
	}
}

// TestEscalationBedsCloseAsTheyEmpty closes escalation beds while they
// are occupied: 10 beds, 3-day stays, a limit of 4 opened or closed 4 at
// a time above 200% and below 110% (occupancy counts the patients
// waiting), at 23:00. The surge of day 2 (about 38 arrivals by 23:00)
// opens all 4 at once; when the queue is down to a patient or none, 14
// in beds and at most 1 waiting is under 110% of 14, and the meeting
// closes the 4 although all are occupied. Each then stays open until its
// patient leaves, and escalation beds are the first to close:
//
//	escalation beds open = max(0, patients − 10),  beds open = max(10, patients)
//
// from the midnight after that meeting on, while nobody arrives.
func TestEscalationBedsCloseAsTheyEmpty(t *testing.T) {
	t.Parallel()
	const days = 30
	p := ruleHospital(10, 0, 3, BedManagement{Meeting: 23.0 / 24,
		Escalation: BedEscalation{Limit: 4, Step: 4, Above: 2, Below: 1.1}}, days)
	p.Interventions = []Intervention{arrivals(2, 40), arrivals(3, 0)}
	m := runRule(t, p)
	esc := m.lv[lvEscalation].Midnights()[:days]
	busy, open := m.busy(svcAcute).Midnights(), m.lv[svcAcute.capLv].Midnights()
	if esc[3] != 4 || busy[3] != 14 {
		t.Fatalf("an hour after the surge's meeting: %v escalation beds and %v patients, want 4 and 14", esc[3], busy[3])
	}
	// The day of the closing meeting: the last day the pool's capacity
	// (not counting beds still emptying) is 14.
	k := 3
	for k < days && m.lv[svcAcute.capLv].DayMeans()[k] >= 14 && busy[k+1] >= 14 {
		k++
	}
	if r := &m.beds; r.esc != 0 || r.pending != 0 || r.pendEsc != 0 {
		t.Errorf("at the end: %d escalation beds, %d pending (%d escalation), want none", r.esc, r.pending, r.pendEsc)
	}
	pending := false
	for d := k + 1; d < days; d++ {
		if esc[d] != max(0, busy[d]-10) || open[d] != max(10, busy[d]) {
			t.Errorf("day %d: %v escalation beds and %v beds open at midnight with %v patients, want %v and %v",
				d, esc[d], open[d], busy[d], max(0, busy[d]-10), max(10, busy[d]))
		}
		pending = pending || esc[d] > 0
	}
	if !pending {
		t.Errorf("no escalation bed was still occupied at a midnight after the closure on day %d: the test does not test closing occupied beds", k)
	}
}
