package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
	"caresim/sim/stats"
)

// bodyTitles name the bodies of the accounts in chart titles, indexed
// as finance.BodyNames.
var bodyTitles = [finance.NumBodies]string{
	finance.Acute:         "acute trust",
	finance.Community:     "community services",
	finance.SocialCare:    "social care",
	finance.Commissioners: "commissioners",
	finance.System:        "whole system",
}

// RunCharts draws the charts of a run: beds over time for each bed pool
// the scenario has, the acute beds planned, open and occupied when its
// bed-management rule closed or opened any, the delayed days in acute beds
// by month and reason when it has acute beds, A&E performance when it has
// A&E attendances, the ED's 12-hour waits from arrival by month, crisis
// patients' and the others', when any crisis patient waited 12 hours
// (the mental health line), ED crowding when patients waited in ED for a bed or
// ambulances waited over 30 minutes to hand over, the elective waiting list
// when it has one, the outpatient and day-case pathways against the
// 18-week standard when it has outpatients, the workforce by role and
// year when it counts staff, and, when the run was priced, the deficit trajectory of
// the system (with the scenario's published projection, when it names one)
// and of each organisation with money, and the gap bridge of each, and,
// when the run was set beside observed data, a chart of each observed
// series (BackcastSeries). Pools and organisations with nothing in them
// are left out.
func RunCharts(d results.RunData) ([]Chart, error) {
	place, start, markers := d.Place, d.Start, d.Markers
	var out []Chart
	for _, p := range care.ChartedServices {
		mean, capacity := d.Daily[p.Mean], d.Daily[p.Capacity]
		if !anyValue(mean.Mean) && !anyValue(capacity.Mean) {
			continue // the scenario has no such beds
		}
		f, err := BedsOverTime(Beds{
			Pool: p.Title, Place: place, Start: start,
			Mean: finite(mean.Mean), P10: finite(mean.P10), P90: finite(mean.P90),
			Capacity:      finite(capacity.Mean),
			Interventions: markers,
			Noun:          p.Noun, Axis: p.Axis,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "beds-" + p.Name, Fig: f})
	}
	if closed, esc := d.Daily[care.DailyAcuteBedsClosed].Mean, d.Daily[care.DailyEscalationBeds].Mean; anyValue(closed) || anyValue(esc) {
		// The acute bed-management rule closed or opened beds.
		f, err := BedBaseOverTime(BedBase{
			Pool: "Acute", Place: place, Start: start,
			Planned:       finite(d.Daily[care.DailyAcuteBedsPlanned].Mean),
			Open:          finite(d.Daily[care.DailyAcuteBeds].Mean),
			Escalation:    finite(esc),
			Occupied:      finite(d.Daily[care.DailyAcuteMean].Mean),
			Interventions: markers,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "bed-base-acute", Fig: f})
	}
	if anyValue(d.Daily[care.DailyAcuteMean].Mean) || anyValue(d.Daily[care.DailyAcuteBeds].Mean) {
		dl := Delays{Place: place, Start: start, Interventions: markers}
		for _, r := range care.DelayReasons {
			dl.Reasons = append(dl.Reasons, DelayReason{Name: r.Title,
				Daily: finite(d.Daily[care.DailyIndex("acute_delayed_"+r.Key+"_mean")].Mean)})
		}
		switch f, err := DelaysByReason(dl); {
		case errors.Is(err, ErrNoData): // results written before delays had reasons
		case err != nil:
			return nil, err
		default:
			out = append(out, Chart{File: "delays", Fig: f})
		}
	}
	departures := d.Daily[care.DailyAEDepartures].Mean
	if anyValue(d.Daily[care.DailyEDAttendances].Mean) || anyValue(departures) {
		f, err := AEPerformance(AE{
			Place: place, Start: start,
			Departures: finite(departures),
			Breaches:   finite(d.Daily[care.DailyAE4hBreaches].Mean),
			Waits12h:   finite(d.Daily[care.DailyED12hDTA].Mean),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "ae-performance", Fig: f})
	}
	if crisis := d.Daily[care.DailyIndex("mh_12h_arrival_waits")].Mean; anyValue(crisis) {
		f, err := Waits12hByMonth(Waits12h{Place: place, Start: start,
			All:    finite(d.Daily[care.DailyIndex("ed_12h_arrival_waits")].Mean),
			Crisis: finite(crisis), Interventions: markers})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "ed-12h-waits", Fig: f})
	}
	if c, ok := crowdingOf(d); ok {
		f, err := EDCrowding(c)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "ed-crowding", Fig: f})
	}
	if pr, ok := pressureOf(d); ok {
		f, err := PressureResponses(pr)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "pressure-responses", Fig: f})
	}
	for _, wl := range []struct{ file, title, list, over string }{
		{"waiting-list", "", "elective_waiting_list", "elective_waiting_over_18w"},
		{"waiting-list-outpatients", "Outpatients and day cases", "outpatient_pathways", "outpatient_pathways_over_18w"},
	} {
		list := d.Daily[care.DailyIndex(wl.list)].Mean
		if !anyValue(list) {
			continue
		}
		f, err := WaitingListOverTime(WaitingList{
			Title: wl.title, Place: place, Start: start,
			List:          finite(list),
			Over18:        finite(d.Daily[care.DailyIndex(wl.over)].Mean),
			Interventions: markers,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: wl.file, Fig: f})
	}
	for _, draw := range []func(results.RunData) ([]Chart, error){losCharts, pathwayChart, workforceChart} {
		cs, err := draw(d)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	if d.Money != nil {
		cs, err := deficitCharts(place, d.Money, d.Name, nil, "")
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
		if cs, err = bridgeCharts(place, d.Money); err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	cs, err := backcastCharts(d)
	return append(out, cs...), err
}

// deficitCharts draws the deficit trajectory of the system and of each
// organisation with money in m or in other, for the charts of a place:
// m's alone (deficit-ORG), or, when other is not nil, m's against
// other's (deficit-ORG-OTHER), each named in the legend.
func deficitCharts(place string, m *results.Money, name string, other *results.Money, otherName string) ([]Chart, error) {
	var out []Chart
	for _, b := range sim.MoneyBodies {
		if b != finance.System && !hasMoney(m, b) && (other == nil || !hasMoney(other, b)) {
			continue
		}
		d := Deficit{Body: bodyTitles[b], Years: m.Years, Baseline: deficitGap(m, b, name), Interval: deficitInterval()}
		if b == finance.System && m.Projection != nil {
			d.Reference = referenceOf(m, m.Projection.Year)
		}
		if place != "" {
			d.Body += ", " + place
		}
		file := "deficit-" + finance.BodyNames[b]
		if other != nil {
			d.Scenario = deficitGap(other, b, otherName)
			file += "-" + results.FileLabel(otherName)
		}
		f, err := DeficitTrajectory(d)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: file, Fig: f})
	}
	return out, nil
}

// deficitGap is body b's annual and cumulative deficit in m, as plotted,
// named name in the legend.
func deficitGap(m *results.Money, b int, name string) Gap {
	g := Gap{Name: name}
	for y := range m.Years {
		g.Annual = append(g.Annual, estimate(m.Annual[y][b][finance.Deficit]))
		g.Cumulative = append(g.Cumulative, estimate(m.Annual[y][b][finance.CumulativeDeficit]))
	}
	return g
}

// deficitInterval names the intervals of the deficit charts.
func deficitInterval() string {
	return fmt.Sprintf("%g%% confidence interval", 100*stats.DefaultConfidence)
}

// crowdingOf returns the ED crowding of run d, and whether there is any:
// patients waiting in ED for a bed, or handovers over 30 minutes.
func crowdingOf(d results.RunData) (Crowding, bool) {
	idx := [4]int{care.DailyIndex("ed_boarding_mean"), care.DailyIndex("ed_corridor_mean"),
		care.DailyIndex("ambulance_handovers_over_30min"), care.DailyIndex("ambulance_handovers_over_60min")}
	var s [4][]float64
	for i, k := range idx {
		if k < 0 || k >= len(d.Daily) {
			return Crowding{}, false
		}
		s[i] = finite(d.Daily[k].Mean)
	}
	if !anyValue(s[0]) && !anyValue(s[2]) {
		return Crowding{}, false
	}
	return Crowding{Place: d.Place, Start: d.Start, Boarding: s[0], Corridor: s[1], Over30: s[2], Over60: s[3]}, true
}

// pressureOf returns the responses of run d's hospital to running full,
// and whether there are any: emergency stays shortened by discharge under
// pressure, or patients who left the ED unseen.
func pressureOf(d results.RunData) (Pressure, bool) {
	idx := [3]int{care.DailyIndex("acute_stays_shortened"), care.DailyIndex("acute_stay_days_cut"), care.DailyIndex("ed_lwbs")}
	var s [3][]float64
	for i, k := range idx {
		if k < 0 || k >= len(d.Daily) {
			return Pressure{}, false
		}
		s[i] = finite(d.Daily[k].Mean)
	}
	if !anyValue(s[0]) && !anyValue(s[2]) {
		return Pressure{}, false
	}
	return Pressure{Place: d.Place, Start: d.Start, Shortened: s[0], DaysCut: s[1], LeftUnseen: s[2]}, true
}

// anyValue reports whether xs holds a number other than zero.
func anyValue(xs []float64) bool {
	return slices.ContainsFunc(xs, func(x float64) bool { return x != 0 && !math.IsNaN(x) })
}

// finite returns xs with NaN and infinities (nothing measured) as zero,
// which the plotters would refuse.
func finite(xs []float64) []float64 {
	out := slices.Clone(xs)
	for i, x := range out {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			out[i] = 0
		}
	}
	return out
}

// estimate is e as plotted: a mean not measured is zero, and an interval
// that could not be computed (one replication) collapses onto the mean.
func estimate(e Estimate) Estimate {
	if math.IsNaN(e.Mean) {
		e.Mean = 0
	}
	if math.IsNaN(e.Lo) || math.IsNaN(e.Hi) {
		e.Lo, e.Hi = e.Mean, e.Mean
	}
	return e
}

// hasMoney reports whether body b has any cost, funding or income.
func hasMoney(m *results.Money, b int) bool {
	for y := range m.Years {
		for _, k := range []int{finance.Cost, finance.Funding, finance.Income} {
			if x := m.Annual[y][b][k].Mean; x != 0 && !math.IsNaN(x) {
				return true
			}
		}
	}
	return false
}

// losCharts draws each pool's length-of-stay distribution.
func losCharts(d results.RunData) ([]Chart, error) {
	var out []Chart
	for i, p := range results.LOSPools {
		l := d.LOS[i]
		if l == nil || len(l.Counts) == 0 {
			continue
		}
		f, err := LengthOfStay(LOS{
			Pool: p.Name, Place: d.Place, BinWidth: l.BinWidth, Counts: l.Counts,
			Mean: float64(l.Summary.MeanDays), Median: float64(l.Summary.MedianDays),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: p.File, Fig: f})
	}
	return out, nil
}

// pathwayNames name the ends of emergency spells in the pathway-mix
// chart, with their annual measures.
var pathwayNames = []struct {
	name    string
	measure int
}{
	{"Home (pathway 0)", care.AnnualPathway0},
	{"Reablement at home (pathway 1)", care.AnnualPathway1},
	{"Intermediate-care bed (pathway 2)", care.AnnualPathway2},
	{"Care home (pathway 3)", care.AnnualPathway3},
	{"Died in hospital", care.AnnualHospitalDeaths},
}

// pathwayChart draws the discharge pathway mix by financial year, when
// the scenario's hospital discharged anyone.
func pathwayChart(d results.RunData) ([]Chart, error) {
	any := false
	counts := make([][]float64, len(pathwayNames))
	names := make([]string, len(pathwayNames))
	for i, p := range pathwayNames {
		names[i] = p.name
		for y := range d.Years {
			x := d.Annual[y][p.measure]
			if math.IsNaN(x) {
				x = 0
			}
			any = any || x > 0
			counts[i] = append(counts[i], x)
		}
	}
	if !any {
		return nil, nil
	}
	f, err := PathwayMix(Pathways{Place: d.Place, Years: d.Years, Names: names, Counts: counts})
	if err != nil {
		return nil, err
	}
	return []Chart{{File: "pathway-mix", Fig: f}}, nil
}

// workforceChart draws the staff by role and year of a run whose scenario
// counts them (its workforce section is on), read from the annual
// measures wte_needed_ROLE, wte_in_post_ROLE and wte_agency_ROLE; none
// when it counts no staff, or the folder predates them.
func workforceChart(d results.RunData) ([]Chart, error) {
	w := Workforce{Place: d.Place, Years: d.Years}
	for r, role := range care.RoleNames {
		sr := StaffRole{Name: care.RoleTitles[r]}
		for _, m := range []struct {
			name string
			to   *[]float64
		}{{"wte_needed_", &sr.Needed}, {"wte_in_post_", &sr.InPost}, {"wte_agency_", &sr.Agency}} {
			k := care.AnnualIndex(m.name + role)
			for y := range d.Years {
				v := math.NaN()
				if k >= 0 && y < len(d.Annual) {
					v = d.Annual[y][k]
				}
				*m.to = append(*m.to, v)
			}
		}
		sr.Needed, sr.InPost, sr.Agency = finite(sr.Needed), finite(sr.InPost), finite(sr.Agency)
		w.Roles = append(w.Roles, sr)
	}
	f, err := WorkforceByYear(w)
	if errors.Is(err, ErrNoData) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []Chart{{File: "workforce", Fig: f}}, nil
}
