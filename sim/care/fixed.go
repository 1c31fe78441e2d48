package care

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// fixedAtStart lists the parameters the model reads only when a run
// starts (its dates, the population's cohorts, the arrival processes'
// profiles and trend, the census), which an intervention therefore cannot
// move from a date: a change to one would be silently ignored, so
// [Params.Validate] refuses it with the reason and, where there is one,
// what to change instead. Patterns name list elements [*] and any service
// *.
var fixedAtStart = []struct {
	pattern, why string
}{
	{"start.*", "the run's start date is fixed before it starts"},
	{"horizon", "the run's length is fixed before it starts"},
	{"warm_up.*", "the warm-up is run before the start date"},
	{"population.localities[*].*", populationFixed},
	{"population.age_bands[*].share", populationFixed},
	{"population.age_bands[*].risk_shares[*]", populationFixed},
	{"population.age_bands[*].growth", "population growth runs from the start of the run at one yearly rate; to change demand from a date, scale population.age_bands[*].urgent, .elective or .care_home"},
	{"demand.urgent.trend", "the yearly trend in urgent demand runs from the start of the run; to change demand from a date, scale population.age_bands[*].urgent"},
	{"demand.urgent.hour_of_week[*]", "the hour-of-week and monthly profiles of urgent arrivals are fixed when the arrival processes are built"},
	{"demand.urgent.month[*]", "the hour-of-week and monthly profiles of urgent arrivals are fixed when the arrival processes are built"},
	{"demand.urgent.winter_sd", "each financial year's winter severity is drawn when the run starts"},
	{"services.*.occupied", "the beds occupied at the start (the census) are filled before the first event; to change capacity from a date, change the beds"},
	{"services.home_care.growth", "the yearly growth of home care's community demand runs from the start of the run; to change it from a date, scale services.home_care.community"},
	{"services.maternity.growth", "the yearly growth of maternity admissions runs from the start of the run; to change them from a date, scale services.maternity.births"},
	{"services.nhs_111.earlier[*].until.*", "NHS 111's earlier rates are a schedule by date of their own; to change the calls from a date, change services.nhs_111.calls or an earlier rate's calls"},
	{"workforce.*.vacancy", "the vacancies at the start set the staff in post when the run starts; to change staffing from a date, change the roles' leaving, time_to_fill or agency_cover, or the services' staff ratios"},
	{"interventions[*].*", "an intervention cannot change an intervention: give the change its own values, or write another intervention"},
}

// populationFixed is why the population's make-up cannot change from a
// date.
const populationFixed = "the population's cohorts (locality × age band × risk stratum) are built when the run starts; to change demand from a date, scale population.age_bands[*].urgent, .elective or .care_home"

// indexRE matches a list index in a concrete parameter path.
var indexRE = regexp.MustCompile(`\[[0-9]+\]`)

// fixedReason returns why the parameter at the concrete path (with list
// indexes, as [Number].Path) cannot be changed by an intervention, or ""
// when it can.
func fixedReason(path string) string {
	general := indexRE.ReplaceAllString(path, "[*]")
	for _, f := range fixedAtStart {
		if matchPattern(f.pattern, general) {
			return f.why
		}
	}
	return ""
}

// matchPattern reports whether path matches pattern, whose "*" step
// matches any one step and whose trailing ".*" matches any rest.
func matchPattern(pattern, path string) bool {
	if rest, ok := strings.CutSuffix(pattern, ".*"); ok {
		if matchPattern(rest, path) {
			return true
		}
		for i := len(path) - 1; i > 0; i-- {
			if path[i] == '.' && matchPattern(rest, path[:i]) {
				return true
			}
		}
		return false
	}
	ps, xs := strings.Split(pattern, "."), strings.Split(path, ".")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if ps[i] != "*" && ps[i] != xs[i] {
			return false
		}
	}
	return true
}

// switchedOff returns why the parameter at the concrete path does
// nothing in p's runs because its section of services is switched off
// (enabled: false), which no intervention can change, or "" when it is
// read.
func (p *Params) switchedOff(path string) string {
	rest, ok := strings.CutPrefix(path, "services.")
	if !ok {
		return ""
	}
	key, _, _ := strings.Cut(rest, ".")
	v := reflect.ValueOf(&p.Services).Elem()
	f, ok := fieldByKey(v.Type(), key)
	if !ok {
		return ""
	}
	on := v.FieldByIndex(f.Index).FieldByName("Enabled")
	if !on.IsValid() || on.Kind() != reflect.Bool || on.Bool() {
		return ""
	}
	return fmt.Sprintf("services.%s is switched off in this scenario (enabled: false) and an intervention cannot switch it on, so nothing reads its parameters; switch it on (services.%s.enabled: true) to change them", key, key)
}
