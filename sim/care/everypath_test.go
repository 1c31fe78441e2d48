package care_test

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
)

// numberPaths appends the path of every number in v (a Params, or part of
// one at path at) to out, with indexes for list elements:
// services.acute.beds, population.age_bands[2].growth.
func numberPaths(v reflect.Value, at string, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			numberPaths(v.Elem(), at, out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			key, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			switch {
			case !f.IsExported() || key == "-":
				continue
			case opts == "inline":
				numberPaths(v.Field(i), at, out)
				continue
			}
			if key == "" {
				key = strings.ToLower(f.Name) // a date's year, month and day
			}
			if at != "" {
				key = at + "." + key
			}
			numberPaths(v.Field(i), key, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			numberPaths(v.Index(i), at+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		*out = append(*out, at)
	}
}

// probe returns p with an intervention from its eleventh day that halves
// the number at path, or raises it from zero by a step of its unit.
func probe(p *care.Params, path string) (*care.Params, error) {
	q := p.Clone()
	nums, err := q.Numbers(path)
	if err != nil {
		return nil, err
	}
	ch := care.Change{Path: path, Scale: &care.Effect{Low: 0.5, Central: 0.5, High: 0.5}}
	if nums[0].Get() == 0 {
		step := 1.0
		if u := nums[0].Unit; u == "fraction" || u == "per-head" {
			step = 0.01
		}
		ch = care.Change{Path: path, Add: &care.Effect{Low: step, Central: step, High: step}}
	}
	q.Interventions = append(q.Interventions, care.Intervention{Name: "probe", Start: q.Start.AddDays(10), Changes: []care.Change{ch}})
	return q, nil
}

// outputs runs one replication of p and returns everything it measured,
// as text.
func outputs(t *testing.T, p *care.Params) string {
	t.Helper()
	r, err := care.Run(p, care.Config{Seed: 1, WarmUp: 10})
	if err != nil {
		t.Fatalf("a run that check passed failed: %v", err)
	}
	return fmt.Sprint(r.Daily, r.Annual, r.Metrics, r.LOS)
}

// TestEveryPathOfTheBaseline changes every number of the baseline, one at
// a time, through an intervention from the run's eleventh day, as a
// planner's scenario would, and asserts that check refuses the change or
// the run differs from the baseline's with the same seed: no intervention
// may pass check and silently do nothing, and none that check passes may
// fail in the run. Runs are 60 days; three parameters act only on stays
// that end later, and intermediate care's bed turnaround only once its
// beds fill, so they are tried over three years. Some act only when
// others are not zero, so they are tried with those raised: Call for
// Care's and the urgent community response's, when professionals call
// (none do in the baseline), with calls, suitable patients and places; the
// enrolled's urgent ratio and admission reduction, after an enrolment's
// first three months, without that early period (the admission reduction,
// 0 in the baseline, is halved from 10%); the ED's corridor spaces and its
// walk-ins' longest patience, with 520 acute beds, so that the department
// fills (in the baseline's first 60 days it never needs more than half its
// corridor spaces, nor keeps anyone waiting 4 hours), and discharge under
// pressure's stay factor, which acts only above 90% occupancy; the delays'
// attributions and nursing share, with delays that last (many more
// patients going to care homes whose residents rarely die, reablement
// short, every family choosing); and the acute bed-management rule's
// closing part, off in the baseline, where check refuses its parameters.
// The closing part is switched on to close 5 beds every 14 days (the
// baseline runs at ≈ 91% in its first months, under its 95%, itself under
// the escalation part's 96%) down to a floor it reaches within the run.
// The escalation part, on in the baseline above 96%, is tried opening and
// closing beds as occupancy crosses 93% and 90%, which it does as it rises
// through the first year (these are tried over a year).
func TestEveryPathOfTheBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("runs about fifty 60-day replications of the baseline")
	}
	load := func(horizon string) *care.Params {
		l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{"horizon=" + horizon, "warm_up.length=10d"}})
		if err != nil {
			t.Fatal(err)
		}
		return &l.Params
	}
	base := load("60d")
	var paths []string
	numberPaths(reflect.ValueOf(base).Elem(), "", &paths)
	if len(paths) < 300 {
		t.Fatalf("found %d number paths in the baseline, want every one (over 300)", len(paths))
	}
	later := map[string]bool{"services.care_homes.length_of_stay.p90": true,
		"services.community.early_period": true, "services.home_care.duration.sd": true,
		"services.intermediate_care.discharge.turnaround": true}
	calls := []string{"services.call_for_care.calls=50%", "services.call_for_care.suitable=20%",
		"services.urgent_community_response.places=5"}
	noEarly := []string{"services.community.early_period=0d"}
	// Fewer beds, so that the ED fills beyond its corridor spaces and
	// patients wait for cubicles long enough to leave after 4–8 hours.
	crowded := []string{"services.acute.beds=520"}
	dependsOn := map[string][]string{
		"services.call_for_care.handling.median":             calls,
		"services.call_for_care.suitable":                    calls,
		"services.call_for_care.step_up":                     calls,
		"services.urgent_community_response.duration.median": calls,
		"services.urgent_community_response.duration.p90":    calls,
		"services.urgent_community_response.admit":           calls,
		// A service's staff are counted only when it has units, and the
		// staffing rule's threshold moves only units it closes: nurses
		// short enough (30% vacant, no agency) that wards close at 90%.
		"workforce.open_at":                                      {"workforce.nurses.vacancy=30%", "workforce.nurses.agency_cover=0"},
		"services.community.urgent_ratio":                        noEarly,
		"services.community.admit_reduction":                     {"services.community.early_period=0d", "services.community.admit_reduction=10%"},
		"services.ed.corridor_spaces":                            crowded,
		"services.acute.early_discharge.stay":                    crowded, // acts only above 90% occupancy, barely reached in 60 days
		"services.acute.early_discharge.readmit":                 crowded, // as stay: only those discharged early are readmitted more
		"services.ed.left_without_being_seen.patience.values[2]": crowded,
	}
	// The reasons' attributions and the nursing share show only in delays
	// that last, and an attribution raised by 0.01 only in many: with a
	// third of patients going to care homes whose residents rarely die,
	// the reablement caseload short of its clients, and every family
	// choosing.
	full := []string{"services.acute.pathways.home=0.545", "services.acute.pathways.care_home=0.315",
		"services.care_homes.length_of_stay.median=5000d", "services.care_homes.length_of_stay.p90=20000d"}
	for _, path := range []string{"services.delays.nursing", "services.delays.attribution.residential_home.nhs",
		"services.delays.attribution.residential_home.both", "services.delays.attribution.nursing_home.nhs",
		"services.delays.attribution.nursing_home.both"} {
		dependsOn[path] = full
	}
	for _, role := range care.RoleNames {
		dependsOn["services.urgent_community_response.staff."+role] = calls
	}
	dependsOn["services.delays.attribution.home_care.nhs"] = []string{"services.reablement.caseload=100"}
	dependsOn["services.delays.attribution.home_care.both"] = []string{"services.reablement.caseload=100"}
	dependsOn["services.delays.attribution.choice.both"] = []string{"services.delays.choice.share=1"}
	closing := []string{"services.acute.management.meeting=8h", "services.acute.management.close.step=5",
		"services.acute.management.close.every=1d", "services.acute.management.close.window=14d",
		"services.acute.management.close.below=95%", "services.acute.management.close.above=99.5%",
		"services.acute.management.close.floor=653"}
	escalation := []string{"services.acute.management.meeting=8h", "services.acute.management.escalation.limit=10",
		"services.acute.management.escalation.step=2", "services.acute.management.escalation.above=93%",
		"services.acute.management.escalation.below=90%", "horizon=1y"}
	want := outputs(t, base)
	refused, moved := 0, 0
	for _, path := range paths {
		p := base
		switch rest, _ := strings.CutPrefix(path, "services.acute.management."); {
		case rest == path:
		case strings.HasPrefix(rest, "escalation."):
			dependsOn[path] = escalation
		default:
			dependsOn[path] = closing
		}
		switch {
		case later[path]:
			p = load("3y")
		case dependsOn[path] != nil:
			l, err := scenarios.Load("baseline", scenarios.Options{Sets: append([]string{"horizon=60d", "warm_up.length=10d"}, dependsOn[path]...)})
			if err != nil {
				t.Fatal(err)
			}
			p = &l.Params
		}
		q, err := probe(p, path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if errs := q.Validate(); len(errs) > 0 {
			refused++
			continue
		}
		before := want
		if p != base {
			before = outputs(t, p)
		}
		if outputs(t, q) == before {
			t.Errorf("an intervention on %s passes check and changes nothing", path)
			continue
		}
		moved++
	}
	t.Logf("%d number paths: %d refused by check, %d change the run", len(paths), refused, moved)
	for _, path := range []string{"population.age_bands[0].growth", "demand.urgent.trend"} {
		q, _ := probe(base, path)
		if len(q.Validate()) == 0 {
			t.Errorf("an intervention on %s passes check: the issue's silent no-op", path)
		}
	}
}
