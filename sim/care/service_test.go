package care

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"caresim/sim/des"
)

// allServicesParams switches every service of the table on, each with a
// different capacity (3 to 10 units, in table order) so that a capacity
// read from the wrong field shows, and with no demand, so that nothing
// but the capacities moves.
func allServicesParams() *Params {
	stay := des.Fixed(10)
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 3,
		Services: Services{
			ED:                   ED{Enabled: true, Cubicles: 3, Treatment: stay},
			UrgentTreatment:      UrgentTreatment{Enabled: true, Clinicians: 4, Treatment: stay},
			SDEC:                 SDEC{Enabled: true, Chairs: 5, Treatment: stay},
			Acute:                Acute{Enabled: true, Beds: 6, LengthOfStay: stay, Pathways: Pathways{Home: 1}},
			IntermediateCare:     IntermediateCare{Enabled: true, Beds: 7, LengthOfStay: stay, Outcomes: Outcomes{Home: 1}},
			Reablement:           Reablement{Enabled: true, Caseload: 8, Duration: stay, Outcomes: Outcomes{Home: 1}},
			CareHomes:            CareHomes{Enabled: true, Beds: 9, LengthOfStay: stay},
			Community:            Community{Enabled: true, Caseload: 10, Duration: stay, PPV: 1},
			CallForCare:          CallForCare{Enabled: true, Handlers: 11, Handling: stay},
			UrgentResponse:       UrgentResponse{Enabled: true, Places: 12, Duration: stay},
			Maternity:            Maternity{Enabled: true, Beds: 15, LengthOfStay: stay},
			Neonatal:             Neonatal{Enabled: true, Cots: 16, LengthOfStay: stay},
			PaediatricAssessment: PaediatricAssessment{Enabled: true, Spaces: 17, Assessment: stay},
			PaediatricWard:       PaediatricWard{Enabled: true, Beds: 18, LengthOfStay: stay},
			Liaison:              Liaison{Enabled: true, Practitioners: 13, Assessment: stay},
			MentalHealth:         MentalHealth{Enabled: true, Beds: 14, LengthOfStay: stay},
			OutOfHours: OutOfHours{Enabled: true, Clinicians: 21, Opens: 19, Closes: 8,
				Telephone: stay, Consultation: stay, HomeVisit: stay},
		},
	}
}

// TestServiceTableReadsItsSection checks each service's description
// against the parameters it reads: its key is the yaml key of a section
// of Services, and enabled, units, occupied, stay and every distribution
// are fields of that section, each distribution's key being its field's
// yaml key (so that its parameter path names it).
func TestServiceTableReadsItsSection(t *testing.T) {
	t.Parallel()
	p := allServicesParams()
	sv := reflect.ValueOf(&p.Services).Elem()
	section := func(key string) (reflect.Value, bool) {
		for i := range sv.NumField() {
			if strings.Split(sv.Type().Field(i).Tag.Get("yaml"), ",")[0] == key {
				return sv.Field(i), true
			}
		}
		return reflect.Value{}, false
	}
	field := func(sec reflect.Value, key string) any {
		for i := range sec.NumField() {
			if strings.Split(sec.Type().Field(i).Tag.Get("yaml"), ",")[0] == key {
				return sec.Field(i).Addr().Interface()
			}
		}
		return nil
	}
	isField := func(sec reflect.Value, ptr any) bool {
		for i := range sec.NumField() {
			if sec.Field(i).Addr().Interface() == ptr {
				return true
			}
		}
		return false
	}
	names := map[string]bool{}
	for i, s := range services {
		if s.id != i || s.pool() != des.PoolID(i) {
			t.Errorf("%s: id %d, pool %d, want both %d, its place in the table", s.name, s.id, s.pool(), i)
		}
		if names[s.name] || s.name == "" || s.title == "" {
			t.Errorf("service %d: name %q and title %q must be set and the name unique", i, s.name, s.title)
		}
		names[s.name] = true
		sec, ok := section(s.key)
		if !ok {
			t.Errorf("%s: key %q is not a section of services", s.name, s.key)
			continue
		}
		if got := s.enabled(&p.Services); got != field(sec, "enabled") {
			t.Errorf("%s: enabled is not services.%s.enabled", s.name, s.key)
		}
		if s.units != nil && !isField(sec, s.units(&p.Services)) {
			t.Errorf("%s: units is not a field of services.%s", s.name, s.key)
		}
		if s.occupied != nil && s.stay == nil {
			t.Errorf("%s: a census needs a stay distribution", s.name)
		}
		if s.occupied != nil && s.occupied(&p.Services) != field(sec, "occupied") {
			t.Errorf("%s: occupied is not services.%s.occupied", s.name, s.key)
		}
		if s.stay != nil && (!isField(sec, s.stay(&p.Services)) || s.slot == 0 || s.end == 0 || s.admit == "" || s.leave == "") {
			t.Errorf("%s: a stay needs a distribution in services.%s, a patient slot, an end event and the events traced", s.name, s.key)
		}
		for _, d := range s.dists {
			if got, want := any(d.get(&p.Services)), field(sec, d.key); got != want || want == nil {
				t.Errorf("%s: distribution %s is not the field %s", s.name, d.key, s.path(d.key))
			}
		}
	}
}

// TestServiceTableDrivesTheModel checks that the table is what the model
// runs: one pool per service, in table order, with the service's name and
// capacity, and each capacity level recording that capacity on every day.
func TestServiceTableDrivesTheModel(t *testing.T) {
	t.Parallel()
	p := allServicesParams()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	m, err := newModel(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.run(); err != nil {
		t.Fatal(err)
	}
	if got, want := len(m.lv), numLevels; got != want {
		t.Errorf("%d levels, want %d", got, want)
	}
	for i, s := range services {
		want := 3 + i // allServicesParams
		if s.units == nil {
			want = 0 // no pool units: primary care's capacity is appointments a day
		}
		if got := m.net.Capacity(s.pool()); got != want {
			t.Errorf("%s: pool capacity %d, want %d", s.name, got, want)
		}
		if id, ok := m.net.Lookup(s.name); !ok || id != s.pool() {
			t.Errorf("%s: the network's pool of that name is %d (found %v), want %d", s.name, id, ok, s.pool())
		}
		if s.capLv < 0 {
			continue
		}
		for d, got := range m.lv[s.capLv].DayMeans()[:int(m.end)] {
			if got != float64(want) {
				t.Errorf("%s: capacity level on day %d = %v, want %d", s.name, d, got, want)
				break
			}
		}
	}
}

// TestMeasureTables checks the measure tables: every measure has a unique
// name in its table, a unit and a doc; the base model's constants name
// the measures they always have; and every level, count and tally a
// service keeps is read by at least one measure, so that nothing a service
// keeps is lost on the way to the outputs.
func TestMeasureTables(t *testing.T) {
	t.Parallel()
	for _, tb := range []struct {
		name  string
		ms    []Measure
		src   []compiled
		n     int
		base  int
		fixed map[int]string // spot checks of positions that outputs depend on
	}{
		{"daily", DailyMeasures, dailySrc, NumDaily, numBaseDaily,
			map[int]string{DailyAcuteMidnight: "acute_occupied_midnight", DailyICMean: "ic_occupied_mean", DailyCareHomeAdmissions: "care_home_admissions"}},
		{"annual", AnnualMeasures, annualSrc, NumAnnual, numBaseAnnual,
			map[int]string{AnnualDays: "days", AnnualICBedDays: "ic_bed_days", AnnualCommunityPlaces: "community_places"}},
		{"metric", Metrics, metricSrc, NumMetrics, numBaseMetrics,
			map[int]string{MetricEDAttendances: "ed_attendances_per_year", MetricICLOS: "ic_los_mean_days", MetricHospitalDeaths: "hospital_deaths_per_year"}},
	} {
		if len(tb.ms) != tb.n || len(tb.src) != tb.n || tb.n < tb.base {
			t.Errorf("%s: %d measures, %d sources, Num %d, base %d", tb.name, len(tb.ms), len(tb.src), tb.n, tb.base)
		}
		seen := map[string]bool{}
		for k, m := range tb.ms {
			if seen[m.Name] {
				t.Errorf("%s: %s twice", tb.name, m.Name)
			}
			seen[m.Name] = true
			if m.Name == "" || m.Unit == "" || m.Doc == "" || m.Name != strings.ToLower(m.Name) || strings.ContainsAny(m.Name, " -") {
				t.Errorf("%s measure %d: %+v: want a snake_case name, a unit and a doc", tb.name, k, m)
			}
		}
		for k, name := range tb.fixed {
			if tb.ms[k].Name != name {
				t.Errorf("%s measure %d is %s, want %s", tb.name, k, tb.ms[k].Name, name)
			}
		}
	}
	readsLevel, readsCount, readsTally := map[int]bool{}, map[int]bool{}, map[int]bool{}
	for _, src := range [][]compiled{dailySrc, annualSrc, metricSrc} {
		for _, c := range src {
			for _, i := range []int{c.a, c.b} {
				switch {
				case i < 0:
				case c.op == opDayCount || c.op == opTotal || c.op == opPerYear || c.op == opWithin || c.op == opShareOf:
					readsCount[i] = true
				case c.op == opTallyMean:
					readsTally[i] = true
				default:
					readsLevel[i] = true
				}
			}
		}
	}
	for _, s := range services {
		if s.busyLv >= 0 && !readsLevel[s.busyLv] || s.capLv >= 0 && !readsLevel[s.capLv] {
			t.Errorf("%s: a level it keeps is in no measure", s.name)
		}
		if !readsCount[s.entries] {
			t.Errorf("%s: its count of entries is in no measure", s.name)
		}
		if s.losIx >= 0 && !readsTally[firstLOSTally+s.losIx] {
			t.Errorf("%s: its length-of-stay tally is in no measure", s.name)
		}
	}
}

// TestNewService adds a service to the table as a new service's file
// would (here a virtual ward reading the intermediate-care section, so as
// to need no new parameters, with the usual bed measures) and checks what
// follows from its description alone: its pool, its capacity level, its
// measures after the base model's in every table, and its length-of-stay
// tally in LOSPools and Result.LOS. It changes the package's tables, so
// it does not run in parallel, and puts them back.
func TestNewService(t *testing.T) {
	vw := &service{
		name: "virtual-ward", key: "intermediate_care", title: "Virtual ward",
		enabled:  func(p *Services) *bool { return &p.IntermediateCare.Enabled },
		units:    func(p *Services) *int { return &p.IntermediateCare.Beds },
		busy:     true,
		capacity: true,
		los:      true,
		measures: bedMeasures("virtual_ward", "virtual-ward beds", true),
		chart: &serviceChart{title: "Virtual ward", overlay: "overlay-beds-virtual-ward", measure: "Virtual-ward beds occupied", unit: "beds",
			mean: "virtual_ward_occupied_mean", capacity: "virtual_ward_beds"},
	}
	// The measures of the table's services without a position come
	// after the base model's, in table order: the new service's last.
	names := func(ms []Measure) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Name)
		}
		return out
	}
	before := [][]string{names(DailyMeasures[numBaseDaily:]), names(AnnualMeasures[numBaseAnnual:]), names(Metrics[numBaseMetrics:])}
	defer func() {
		services = services[:len(services)-1]
		initServices()
		initMeasures()
		initCharts()
	}()
	services = append(services[:len(services):len(services)], vw)
	initServices()
	initMeasures()
	initCharts()

	for _, c := range []struct {
		table string
		ms    []Measure
		base  int
		want  []string
	}{
		{"daily", DailyMeasures, numBaseDaily, append(before[0], "virtual_ward_occupied_midnight", "virtual_ward_occupied_mean", "virtual_ward_beds")},
		{"annual", AnnualMeasures, numBaseAnnual, append(before[1], "virtual_ward_admissions", "virtual_ward_bed_days", "virtual_ward_beds")},
		{"metric", Metrics, numBaseMetrics, append(before[2], "virtual_ward_occupancy_mean", "virtual_ward_beds_occupied_mean", "virtual_ward_los_mean_days")},
	} {
		if got := names(c.ms[c.base:]); !slices.Equal(got, c.want) {
			t.Errorf("%s measures after the base model's: %v, want %v", c.table, got, c.want)
		}
	}
	if NumDaily != len(DailyMeasures) || NumAnnual != len(AnnualMeasures) || NumMetrics != len(Metrics) {
		t.Errorf("NumDaily, NumAnnual, NumMetrics = %d, %d, %d, want the tables' lengths", NumDaily, NumAnnual, NumMetrics)
	}
	if i := slices.IndexFunc(LOSPools, func(p LOSPool) bool { return p.Name == "virtual-ward" }); i != len(LOSPools)-1 {
		t.Fatalf("LOSPools = %+v, want the virtual ward last", LOSPools)
	}
	if c := ChartedServices[len(ChartedServices)-1]; c.Name != "virtual-ward" || c.Mean != DailyIndex("virtual_ward_occupied_mean") || c.Capacity != DailyIndex("virtual_ward_beds") {
		t.Errorf("the last charted service is %+v, want the virtual ward with its occupancy and capacity measures", c)
	}
	p := censusParams(0)
	r, err := Run(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Daily) != NumDaily || len(r.Metrics) != NumMetrics || len(r.Annual[0]) != NumAnnual || len(r.LOS) != len(LOSPools) {
		t.Fatalf("the result has %d daily, %d annual, %d metrics and %d tallies, want %d, %d, %d and %d",
			len(r.Daily), len(r.Annual[0]), len(r.Metrics), len(r.LOS), NumDaily, NumAnnual, NumMetrics, len(LOSPools))
	}
	beds := float64(p.Services.IntermediateCare.Beds)
	for d, got := range r.Daily[DailyIndex("virtual_ward_beds")] {
		if got != beds {
			t.Errorf("virtual_ward_beds on day %d = %v, want %v", d, got, beds)
		}
	}
	if got := r.Annual[0][AnnualIndex("virtual_ward_beds")]; got != beds {
		t.Errorf("virtual_ward_beds in %s = %v, want %v", r.Years[0], got, beds)
	}
	if got := r.Metrics[MetricIndex("virtual_ward_occupancy_mean")]; got != 0 {
		t.Errorf("virtual_ward_occupancy_mean = %v, want 0: no flow sends anyone there", got)
	}
	if got, want := r.Daily[DailyICBeds], r.Daily[DailyIndex("virtual_ward_beds")]; !slices.Equal(got, want) {
		t.Errorf("ic_beds = %v changed when a service was added after it; want %v", got, want)
	}
}
