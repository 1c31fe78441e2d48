package care

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// The measure tables, built when the package is initialised from the
// definitions in flowMeasures and in the service table (initMeasures).
// They must not be changed.
var (
	// DailyMeasures describes the daily measures, indexed as Result.Daily:
	// the base model's at the positions of the Daily constants, then any
	// others in the order of the service table.
	DailyMeasures []Measure
	// AnnualMeasures describes the annual measures, indexed as the values
	// of each year of Result.Annual, in the order of DailyMeasures' rule.
	AnnualMeasures []Measure
	// Metrics describes the metrics, indexed as Result.Metrics, in the
	// order of DailyMeasures' rule.
	Metrics []Measure
)

// NumDaily, NumAnnual and NumMetrics are the lengths of DailyMeasures,
// AnnualMeasures and Metrics, set with them.
var NumDaily, NumAnnual, NumMetrics int

// MetricIndex returns the index of the metric with the given name, or −1.
func MetricIndex(name string) int { return measureIndex(Metrics, name) }

// DailyIndex returns the index of the daily measure with the given name,
// or −1.
func DailyIndex(name string) int { return measureIndex(DailyMeasures, name) }

// AnnualIndex returns the index of the annual measure with the given
// name, or −1.
func AnnualIndex(name string) int { return measureIndex(AnnualMeasures, name) }

func measureIndex(ms []Measure, name string) int {
	return slices.IndexFunc(ms, func(m Measure) bool { return m.Name == name })
}

// measureKind is the table a measure belongs to.
type measureKind uint8

const (
	kindDaily measureKind = iota
	kindAnnual
	kindMetric
	numKinds
)

var kindNames = [numKinds]string{"daily", "annual", "metric"}

// follows is the position of a measure without a constant: after the
// base model's, in the order of definition.
const follows = -1

// measureDef defines one measure: its table and position, its name, unit
// and meaning, and how it is computed from the model's values.
type measureDef struct {
	kind measureKind
	at   int // a Daily, Annual or Metric constant, or follows
	Measure
	src formula
}

// daily, annual and metric define a measure of their table at position at
// (a constant of the table, or follows) with its name, unit, formula and
// doc.
func daily(at int, name, unit string, src formula, doc string) measureDef {
	return measureDef{kindDaily, at, Measure{Name: name, Unit: unit, Doc: doc}, src}
}

func annual(at int, name, unit string, src formula, doc string) measureDef {
	return measureDef{kindAnnual, at, Measure{Name: name, Unit: unit, Doc: doc}, src}
}

func metric(at int, name, unit string, src formula, doc string) measureDef {
	return measureDef{kindMetric, at, Measure{Name: name, Unit: unit, Doc: doc}, src}
}

// op is how a measure is computed from one or two of the model's values.
type op uint8

const (
	opNone op = iota
	// Daily measures, one value per day.
	opMidnight // level a's census at the start of the day
	opDayMean  // level a's time-weighted mean over the day
	opDayCount // count a of the day
	opWeekday  // count a of the day, or on a Saturday or Sunday of the Friday before (weekday services)
	// Annual measures, per financial year.
	opDays      // the days of the year simulated
	opTotal     // count a's total over the year
	opLevelDays // level a's daily means summed over the year (bed days)
	opYearMean  // level a's daily means averaged over the year (capacity)
	opWinter    // the year's winter severity (yeareffects.go)
	opStock     // count a's daily values averaged over the year (a stock recorded each day: staff)
	// Metrics of the measured period.
	opPerYear      // count a's total (plus count b's, if any) per year of 365.25 days
	opTallyMean    // tally a's mean
	opTimeMean     // level a's time-weighted mean
	opOccupancy    // level a's time-weighted mean over level b's
	opOccupancyP95 // 95th percentile over days (with b > 0) of a's daily mean over b's
	opWithin       // 1 − count a's total / count b's total
	opShareOf      // count a's total / (count a's + count b's)
	opRatio        // count a's total / count b's total
	opReadmitRate  // readmissions within 30 days over discharges alive
	opFraction     // count a's total / count b's total
	opWeekendRatio // count a's mean on Saturdays and Sundays over its mean on weekdays
	opWeekdayOcc   // level a's daily means over level b's, summed over the days of weekday arg
	opWithinLevel  // 1 − level a's time-weighted mean / level b's
	opTallyQuant   // tally a's quantile q
	opStockMean    // count a's daily values averaged over the measured period
)

// The first op of the annual measures' and of the metrics'.
const (
	firstAnnualOp = opDays
	firstMetricOp = opPerYear
)

// kind returns the table that the measures computed by o belong to.
func (o op) kind() measureKind {
	switch {
	case o < firstAnnualOp:
		return kindDaily
	case o < firstMetricOp:
		return kindAnnual
	}
	return kindMetric
}

// formula is how a measure is computed: an op and the values it reads.
type formula struct {
	op   op
	a, b ref
	arg  int     // opWeekdayOcc's weekday, 0 Monday
	q    float64 // the quantile of opTallyQuant
}

// ref names one value the model keeps: one of its own levels, counts or
// tallies (the lv…, c… and t… constants), or a service's busy level,
// capacity level, count of entries or length-of-stay tally. A service's
// value with no service named is that of the service whose description
// holds the measure.
type ref struct {
	kind refKind
	i    int      // the index of the model's own value
	svc  *service // the service of a service's value, nil for the describing one
}

type refKind uint8

const (
	refNone refKind = iota
	refLevel
	refCount
	refTally
	refBusy
	refCapacity
	refEntries
	refStays
	refOwn // one of a service's own counts (service.counts), i from 0
)

// The describing service's values, for the sources of its measures.
var (
	busy     = ref{kind: refBusy}
	capacity = ref{kind: refCapacity}
	entries  = ref{kind: refEntries}
	stays    = ref{kind: refStays}
)

func level(i int) ref                    { return ref{kind: refLevel, i: i} }
func count(i int) ref                    { return ref{kind: refCount, i: i} }
func tally(i int) ref                    { return ref{kind: refTally, i: i} }
func entriesOf(s *service) ref           { return ref{kind: refEntries, svc: s} }
func own(k int) ref                      { return ref{kind: refOwn, i: k} }
func midnight(l ref) formula             { return formula{op: opMidnight, a: l} }
func dayMean(l ref) formula              { return formula{op: opDayMean, a: l} }
func dayCount(c ref) formula             { return formula{op: opDayCount, a: c} }
func weekdayCount(c ref) formula         { return formula{op: opWeekday, a: c} }
func days() formula                      { return formula{op: opDays} }
func total(c ref) formula                { return formula{op: opTotal, a: c} }
func levelDays(l ref) formula            { return formula{op: opLevelDays, a: l} }
func yearMean(l ref) formula             { return formula{op: opYearMean, a: l} }
func winterSeverity() formula            { return formula{op: opWinter} }
func tallyMean(t ref) formula            { return formula{op: opTallyMean, a: t} }
func timeMean(l ref) formula             { return formula{op: opTimeMean, a: l} }
func occupancy(busy, cap ref) formula    { return formula{op: opOccupancy, a: busy, b: cap} }
func occupancyP95(busy, cap ref) formula { return formula{op: opOccupancyP95, a: busy, b: cap} }
func within(bad, all ref) formula        { return formula{op: opWithin, a: bad, b: all} }
func shareOf(part, rest ref) formula     { return formula{op: opShareOf, a: part, b: rest} }
func ratioOf(part, all ref) formula      { return formula{op: opRatio, a: part, b: all} }
func readmissionRate() formula           { return formula{op: opReadmitRate} }
func fraction(part, all ref) formula     { return formula{op: opFraction, a: part, b: all} }
func weekendRatio(c ref) formula         { return formula{op: opWeekendRatio, a: c} }
func stock(c ref) formula                { return formula{op: opStock, a: c} }
func stockMean(c ref) formula            { return formula{op: opStockMean, a: c} }

// weekdayOccupancy is level busy's mean over level cap's on weekday wd (0
// Monday) over the measured period.
func weekdayOccupancy(busy, cap ref, wd int) formula {
	return formula{op: opWeekdayOcc, a: busy, b: cap, arg: wd}
}
func withinLevel(bad, all ref) formula { return formula{op: opWithinLevel, a: bad, b: all} }

// tallyQuantile is tally t's q-quantile, estimated from its histogram
// (stats.Tally.Quantile).
func tallyQuantile(t ref, q float64) formula { return formula{op: opTallyQuant, a: t, q: q} }

// perYear is the total of one count, or of two, per year.
func perYear(c ref, and ...ref) formula {
	s := formula{op: opPerYear, a: c}
	if len(and) > 0 {
		s.b = and[0]
	}
	return s
}

// valueKind is the model slice a ref's index is into.
func (r ref) valueKind() refKind {
	switch r.kind {
	case refBusy, refCapacity:
		return refLevel
	case refEntries, refOwn:
		return refCount
	case refStays:
		return refTally
	}
	return r.kind
}

// index resolves r, in a measure of service owner (nil for flowMeasures),
// to its index in model.lv, model.counts or model.tallies, or −1 when r is
// refNone. It panics when the service has no such value.
func (r ref) index(owner *service) int {
	s := r.svc
	if s == nil {
		s = owner
	}
	i := -1
	switch r.kind {
	case refNone:
		return -1
	case refLevel, refCount, refTally:
		return r.i
	case refBusy:
		if s != nil {
			i = s.busyLv
		}
	case refCapacity:
		if s != nil {
			i = s.capLv
		}
	case refEntries:
		if s != nil {
			i = s.entries
		}
	case refOwn:
		if s != nil && r.i >= 0 && r.i < s.counts {
			i = s.countIx + r.i
		}
	case refStays:
		if s != nil && s.losIx >= 0 {
			i = firstLOSTally + s.losIx
		}
	}
	if i < 0 {
		name := "the flows"
		if s != nil {
			name = "service " + s.name
		}
		panic(fmt.Sprintf("care: a measure of %s reads a value it does not keep", name))
	}
	return i
}

// compiled is a measure's source resolved to indices, for result.
type compiled struct {
	op   op
	a, b int     // indices into model.lv, model.counts or model.tallies, by op; −1 for none
	arg  int     // formula.arg
	q    float64 // the quantile of opTallyQuant
}

// The compiled sources of DailyMeasures, AnnualMeasures and Metrics, in
// their order.
var dailySrc, annualSrc, metricSrc []compiled

// initMeasures builds the measure tables from flowMeasures,
// waitListMeasures and the service table: each base-model measure at the
// position of its constant, then the others in the order of definition.
// It panics on a programmer's error: a position taken twice or left
// empty, a name used twice in a table, a measure without a unit or doc,
// or a source that does not fit its table.
func initMeasures() {
	base := [numKinds]int{numBaseDaily, numBaseAnnual, numBaseMetrics}
	var ms [numKinds][]Measure
	var cs [numKinds][]compiled
	var set [numKinds][]bool
	for k := range numKinds {
		ms[k] = make([]Measure, base[k])
		cs[k] = make([]compiled, base[k])
		set[k] = make([]bool, base[k])
	}
	add := func(owner *service, defs []measureDef) {
		for _, d := range defs {
			if d.src.op.kind() != d.kind || d.src.op == opNone {
				panic(fmt.Sprintf("care: %s measure %s: its source is not one of a %[1]s measure", kindNames[d.kind], d.Name))
			}
			if d.Name == "" || d.Unit == "" || d.Doc == "" {
				panic(fmt.Sprintf("care: %s measure %q needs a name, a unit and a doc", kindNames[d.kind], d.Name))
			}
			c := compiled{op: d.src.op, a: d.src.a.index(owner), b: d.src.b.index(owner), arg: d.src.arg, q: d.src.q}
			k := d.kind
			if d.at == follows {
				ms[k] = append(ms[k], d.Measure)
				cs[k] = append(cs[k], c)
				continue
			}
			if d.at < 0 || d.at >= base[k] || set[k][d.at] {
				panic(fmt.Sprintf("care: %s measure %s: position %d is not a free position of the base model", kindNames[k], d.Name, d.at))
			}
			ms[k][d.at], cs[k][d.at], set[k][d.at] = d.Measure, c, true
		}
	}
	add(nil, flowMeasures)
	add(nil, waitListMeasures)
	// The delays', the home-care market's and the outpatients' measures
	// come before the services', so that a new service's measures are the
	// last.
	add(svcAcute, delayMeasures)
	add(nil, homeCareMeasures)
	add(nil, workforceMeasures)
	add(nil, outpatientMeasures)
	for _, s := range services {
		add(s, s.measures)
	}
	for k := range numKinds {
		if i := slices.Index(set[k], false); i >= 0 {
			panic(fmt.Sprintf("care: no %s measure is defined at position %d", kindNames[k], i))
		}
		seen := map[string]bool{}
		for _, m := range ms[k] {
			if seen[m.Name] {
				panic(fmt.Sprintf("care: two %s measures are named %s", kindNames[k], m.Name))
			}
			seen[m.Name] = true
		}
	}
	DailyMeasures, AnnualMeasures, Metrics = ms[kindDaily], ms[kindAnnual], ms[kindMetric]
	dailySrc, annualSrc, metricSrc = cs[kindDaily], cs[kindAnnual], cs[kindMetric]
	NumDaily, NumAnnual, NumMetrics = len(DailyMeasures), len(AnnualMeasures), len(Metrics)
}

// dailyValues returns the daily measure c's values over days [w, e) from
// the start of warm-up.
func (m *model) dailyValues(c compiled, w, e int) []float64 {
	switch c.op {
	case opMidnight:
		return slices.Clone(m.lv[c.a].Midnights()[w:e])
	case opDayMean:
		return slices.Clone(m.lv[c.a].DayMeans()[w:e])
	case opDayCount:
		out := make([]float64, e-w)
		for d := range out {
			out[d] = m.counts[c.a].At(w + d)
		}
		return out
	case opWeekday:
		out := make([]float64, e-w)
		for d := range out {
			day := w + d
			for k := 0; k < 2 && m.weekdayOf(day) >= 5; k++ {
				day--
			}
			out[d] = m.counts[c.a].At(max(day, 0))
		}
		return out
	}
	panic("care: not a daily op")
}

// annualDay returns the annual measure c's addition from day d from the
// start of warm-up: its total over a year is the sum of these (divided by
// the year's days for opYearMean).
func (m *model) annualDay(c compiled, d int) float64 {
	switch c.op {
	case opDays:
		return 1
	case opTotal, opStock:
		return m.counts[c.a].At(d)
	case opLevelDays, opYearMean:
		return m.lv[c.a].DayMeans()[d]
	case opWinter:
		return m.winterOn(d)
	}
	panic("care: not an annual op")
}

// metricValue returns metric c over days [w, e) from the start of warm-up.
func (m *model) metricValue(c compiled, w, e int) float64 {
	sum := func(i int) float64 {
		t := 0.0
		for d := w; d < e; d++ {
			t += m.counts[i].At(d)
		}
		return t
	}
	ratio := func(a, b float64) float64 {
		if b == 0 {
			return math.NaN()
		}
		return a / b
	}
	end := m.end
	switch c.op {
	case opPerYear:
		years := float64(e-w) / 365.25
		if c.b < 0 {
			return sum(c.a) / years
		}
		return (sum(c.a) + sum(c.b)) / years
	case opTallyMean:
		return m.tallies[c.a].Mean()
	case opTimeMean:
		return m.lv[c.a].Mean(end)
	case opOccupancy:
		return ratio(m.lv[c.a].Mean(end), m.lv[c.b].Mean(end))
	case opOccupancyP95:
		busy, units := m.lv[c.a].DayMeans()[w:e], m.lv[c.b].DayMeans()[w:e]
		occ := make([]float64, 0, e-w)
		for d := range busy {
			if units[d] > 0 {
				occ = append(occ, busy[d]/units[d])
			}
		}
		if len(occ) == 0 {
			return math.NaN()
		}
		slices.Sort(occ)
		return stat.Quantile(0.95, stat.Empirical, occ, nil)
	case opWithin:
		return 1 - ratio(sum(c.a), sum(c.b))
	case opShareOf:
		a := sum(c.a)
		return ratio(a, a+sum(c.b))
	case opRatio:
		return ratio(sum(c.a), sum(c.b))
	case opReadmitRate:
		return ratio(float64(m.readmit30), float64(m.dischargedAlive))
	case opFraction:
		return ratio(sum(c.a), sum(c.b))
	case opWeekdayOcc:
		num, den := 0.0, 0.0
		busy, units := m.lv[c.a].DayMeans(), m.lv[c.b].DayMeans()
		for d := w; d < e; d++ {
			if m.weekdayOf(d) == c.arg {
				num += busy[d]
				den += units[d]
			}
		}
		return ratio(num, den)
	case opWeekendRatio:
		var tot, n [2]float64 // weekdays, weekend days
		for d := w; d < e; d++ {
			k := 0
			if m.weekdayOf(d) >= 5 {
				k = 1
			}
			tot[k] += m.counts[c.a].At(d)
			n[k]++
		}
		if n[0] == 0 || n[1] == 0 {
			return math.NaN()
		}
		return ratio(tot[1]/n[1], tot[0]/n[0])
	case opWithinLevel:
		return 1 - ratio(m.lv[c.a].Mean(end), m.lv[c.b].Mean(end))
	case opTallyQuant:
		return m.tallies[c.a].Quantile(c.q)
	case opStockMean:
		return sum(c.a) / float64(e-w)
	}
	panic("care: not a metric op")
}

// bedMeasures returns the usual measures of a new bed service, each
// following the base model's: beds occupied at midnight and as a daily
// mean, and the beds, each day; admissions, occupied bed days and the mean
// beds, each financial year; and occupancy, mean beds occupied and (when
// los is set) the mean length of stay over the measured period. Their
// names start with prefix ("virtual_ward_beds") and their docs name the
// beds as noun does ("virtual-ward beds"). The base model's bed services
// list theirs by hand, as their names and positions are fixed by existing
// outputs.
func bedMeasures(prefix, noun string, los bool) []measureDef {
	out := []measureDef{
		daily(follows, prefix+"_occupied_midnight", "beds", midnight(busy), noun+" occupied at midnight"),
		daily(follows, prefix+"_occupied_mean", "beds", dayMean(busy), noun+" occupied, time-weighted mean"),
		daily(follows, prefix+"_beds", "beds", dayMean(capacity), noun+" (capacity)"),
		annual(follows, prefix+"_admissions", "patients", total(entries), "admissions to "+noun),
		annual(follows, prefix+"_bed_days", "bed days", levelDays(busy), "occupied bed days of "+noun),
		annual(follows, prefix+"_beds", "beds", yearMean(capacity), noun+", mean over the year"),
		metric(follows, prefix+"_occupancy_mean", "fraction", occupancy(busy, capacity), "occupied "+noun+" over beds, time-weighted"),
		metric(follows, prefix+"_beds_occupied_mean", "beds", timeMean(busy), "occupied "+noun+", time-weighted mean"),
	}
	if los {
		out = append(out, metric(follows, prefix+"_los_mean_days", "days", tallyMean(stays),
			"stays in "+noun+", admission to leaving, over stays ending after warm-up"))
	}
	return out
}
