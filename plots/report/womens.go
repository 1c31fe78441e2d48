package report

import (
	"caresim/plots"
	"caresim/results"
)

// womensMetrics are the metrics of the women's and children's services
// that the report's section on them shows, in order.
var womensMetrics = []string{
	"births_per_year", "maternity_occupancy_mean", "maternity_diverted_per_year", "maternity_los_mean_days",
	"neonatal_occupancy_mean", "neonatal_transfers_per_year", "neonatal_los_mean_days",
	"paediatric_ed_attendances_per_year", "paediatric_assessments_per_year", "paediatric_assessment_occupancy_mean",
	"paediatric_admissions_per_year", "paediatric_occupancy_mean", "paediatric_los_mean_days",
}

// womensView is the report's section on the women's and children's
// services (id womens): their activity, occupancy and the women and
// babies turned away, with the note on what the section counts.
type womensView struct {
	Table reportTable
	Note  string
}

// womensNote says what the section counts.
const womensNote = "The obstetric unit, the neonatal unit, the paediatric assessment unit and the children's ward: deliveries " +
	"and the women and babies sent to other units when every bed or cot was taken, children's attendances at the ED and those " +
	"referred to paediatrics and admitted. Their beds over time are among the charts."

// womensSection is a run's section on the women's and children's
// services, nil when the scenario has none of them (no births and no
// children assessed).
func womensSection(s *results.Summary) *womensView {
	byName := map[string]results.Metric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
	}
	active := false
	for _, name := range []string{"births_per_year", "paediatric_assessments_per_year"} {
		if m, ok := byName[name]; ok && m.N > 0 && float64(m.Mean) > 0 {
			active = true
		}
	}
	if !active {
		return nil
	}
	period := "mean over " + Period(&s.Manifest)
	v := &womensView{Note: womensNote, Table: reportTable{Class: "headline", Header: []reportCell{{Text: "Metric"}, {Text: "Unit"},
		{Text: "Period"}, {Text: "Mean", Num: true}, {Text: "95% CI low", Num: true}, {Text: "95% CI high", Num: true}}}}
	for _, name := range womensMetrics {
		m, ok := byName[name]
		if !ok || m.N == 0 {
			continue
		}
		v.Table.Rows = append(v.Table.Rows, estimateRow(plots.MetricLabel(m.Name, m.Doc), m.Name, m.Unit, period,
			float64(m.Mean), float64(m.CILow), float64(m.CIHigh)))
	}
	return v
}
