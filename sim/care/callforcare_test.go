package care_test

import (
	"math"
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
	"caresim/sim/des"
)

// runTraced runs one year of the baseline (after 30 days of warm-up) with
// the given settings on seed 1, and returns the result and every trace
// event by patient.
func runTraced(t *testing.T, sets ...string) (*care.Result, map[int64][]care.TraceEvent) {
	t.Helper()
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: append([]string{"horizon=1y", "warm_up.length=30d"}, sets...)})
	if err != nil {
		t.Fatal(err)
	}
	p := &l.Scenario.Params
	byPatient := map[int64][]care.TraceEvent{}
	r, err := care.Run(p, care.Config{Seed: 1, WarmUp: p.WarmUp.Length, Trace: func(e care.TraceEvent) {
		byPatient[e.Patient] = append(byPatient[e.Patient], e)
	}})
	if err != nil {
		t.Fatal(err)
	}
	return r, byPatient
}

func total(r *care.Result, annual int) float64 {
	s := 0.0
	for _, a := range r.Annual {
		s += a[annual]
	}
	return s
}

// TestCallForCareNobodyVanishes follows every patient Call for Care
// navigates when every professional calls, every patient who would be
// admitted is suitable, the urgent community response is offered first
// with room for all, and every episode ends in an admission (admit: 1).
// Each navigated patient must then be admitted after a short episode: none
// may take a community caseload place (a navigated patient once held one
// for months, with no further outcome), every episode that ends must be
// followed by a request for an acute bed, and every call, answered or
// not, must be followed by the patient's going on.
func TestCallForCareNobodyVanishes(t *testing.T) {
	r, byPatient := runTraced(t,
		"services.call_for_care.calls=1", "services.call_for_care.suitable=1", "services.call_for_care.step_up=0",
		"services.urgent_community_response.places=100000", "services.urgent_community_response.admit=1")
	end := des.Time(365)
	navigated, escalated, measured := 0, 0, 0
	for id, evs := range byPatient {
		called := false
		for i, e := range evs {
			switch {
			case e.Event == "call" && e.Service == "call-for-care":
				called = true
			case e.Service == "community" && called:
				t.Fatalf("patient %d: Call for Care sent them to the community caseload: %v", id, evs)
			case e.Event == "start" && e.Service == "urgent-community-response":
				navigated++
			case e.Event == "leave" && e.Service == "urgent-community-response":
				// Admit is 1: the next event is the escalation, then
				// the acute admission, unless the run ends first.
				if i+1 >= len(evs) || evs[i+1].Event != "escalate" {
					t.Fatalf("patient %d: an episode ended with admit 1 but no escalation: %v", id, evs)
				}
				escalated++
				if e.Time >= 0 {
					measured++
				}
				admitted := false
				for _, f := range evs[i+1:] {
					admitted = admitted || f.Event == "admit" && f.Service == "acute"
				}
				if !admitted && end-e.Time > 2 {
					t.Errorf("patient %d: escalated on day %.2f and never admitted by day %v: %v", id, e.Time, end, evs)
				}
			}
		}
		if last := evs[len(evs)-1]; called && last.Event == "end-call" && end-last.Time > 1.0/24 {
			t.Errorf("patient %d: the call ended on day %.2f and nothing followed: %v", id, last.Time, evs)
		}
	}
	if navigated < 1000 {
		t.Fatalf("%d patients navigated to the urgent community response in a year, want over 1,000 when everyone calls", navigated)
	}
	if got := total(r, care.AnnualUCRAdmitted); got != float64(measured) {
		t.Errorf("ucr_admitted = %v over the year, want the %d escalations traced after warm-up", got, measured)
	}
	t.Logf("%d navigated to the urgent community response, %d escalated to a bed", navigated, escalated)
}

// erlangB is the probability that an arrival to an M/G/c/c loss system of
// offered load a (arrival rate × mean holding time) finds every server
// busy, by the stable recurrence B(a, k) = a B(a, k−1) / (k + a B(a, k−1)).
func erlangB(a float64, c int) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// TestCallForCareHubIsALossSystem checks the hub against theory. With
// arrivals flat over the week and the year and no trend, professionals'
// calls are a Poisson stream (the model thins Poisson candidates), the
// hub's handlers are servers with no queue, and a call that finds them
// all busy is lost: an M/G/c/c system, whose share of calls lost is
// Erlang's B formula whatever the distribution of the handling time. The
// care-home route is left out (its calls follow the number of residents).
func TestCallForCareHubIsALossSystem(t *testing.T) {
	r, _ := runTraced(t, "demand.urgent.hour_of_week[*]=1", "demand.urgent.month[*]=1", "demand.urgent.trend=0",
		"population.age_bands[*].growth=0", "services.care_homes.urgent_calls=0",
		"services.call_for_care.calls=1", "services.call_for_care.handlers=3",
		// Poisson arrivals: no GP referrals, made on weekdays in surgery
		// hours, and NHS 111's calls as many on every day.
		"services.primary_care.enabled=false", "services.nhs_111.weekend=1")
	answered, lost := total(r, care.AnnualCallForCareContacts), total(r, care.AnnualCallForCareUnanswered)
	days := total(r, care.AnnualDays)
	// The baseline's handling time: lognormal, median 15 min, p90 30 min.
	sigma := math.Log(2) / 1.2815515655446004
	mean := 15.0 / (24 * 60) * math.Exp(sigma*sigma/2)
	a := (answered + lost) / days * mean
	want := erlangB(a, 3)
	got := lost / (answered + lost)
	// The binomial standard error is ≈ 0.0016 for ≈ 50,000 calls; losses
	// cluster in time, so allow several times that.
	t.Logf("%.0f calls a day, offered load %.3f: %.4f lost, Erlang B %.4f", (answered+lost)/days, a, got, want)
	if math.Abs(got-want) > 0.01 {
		t.Errorf("share of calls lost %.4f, want Erlang B(%.3f, 3) = %.4f ± 0.01", got, a, want)
	}
}
