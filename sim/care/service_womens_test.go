package care

import (
	"errors"
	"math"
	"testing"

	"caresim/sim/des"
)

// erlangB is the Erlang loss formula: the share of Poisson arrivals
// offered a erlangs that find all c servers busy (Erlang 1917; any
// service-time distribution), by the recursion B(0) = 1,
// B(k) = a·B(k−1) / (k + a·B(k−1)).
func erlangB(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// maternityParams is an obstetric unit alone: births deliveries a day
// (no antenatal admissions unless antenatal), stays exponential with a
// mean of one day, in beds beds; and, when cots is above 0, a neonatal
// unit of cots cots taking half the babies born there for exponential
// stays of two days. No warm-up; horizon days measured.
func maternityParams(births float64, beds, cots int, antenatal float64, horizon des.Time) *Params {
	p := &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: horizon,
		Services: Services{
			Maternity: Maternity{Enabled: true, Beds: beds, Births: births, Antenatal: antenatal, LengthOfStay: des.Exponential(1)},
		},
	}
	if cots > 0 {
		p.Services.Neonatal = Neonatal{Enabled: true, Cots: cots, Admit: 0.5, LengthOfStay: des.Exponential(2)}
	}
	return p
}

// TestMaternityLossSystem checks the obstetric unit and the neonatal unit
// as Erlang loss systems: a woman or a baby who finds every bed or cot
// taken is diverted or transferred, never queued, so the share turned
// away is Erlang B of the load offered (λ × mean stay).
//
//   - 4 deliveries a day, stays of mean 1 day: 4 erlangs on 5 beds,
//     B(5, 4) = 0.1991 diverted.
//   - With 100 beds (B(100, 4) < 1e-60: none diverted) the deliveries in
//     the unit are Poisson at 4 a day and their babies, half of them, at
//     2 a day, with stays of mean 2 days: 4 erlangs on 5 cots, 0.1991
//     transferred.
//
// 4,000 days give ≈ 16,000 women (8,000 babies); the standard error of a
// share near 0.2 from N independent arrivals is √(0.2 × 0.8 / N) ≈ 0.0032
// (0.0045), and busy periods correlate neighbouring arrivals, so the
// tolerance is 0.015, about three to four of them.
func TestMaternityLossSystem(t *testing.T) {
	t.Parallel()
	want := erlangB(5, 4)
	if math.Abs(want-0.1991) > 5e-4 {
		t.Fatalf("erlangB(5, 4) = %.4f, want 0.1991 (worked by hand: 8.533 / 42.87)", want)
	}
	t.Run("obstetric beds", func(t *testing.T) {
		t.Parallel()
		p := maternityParams(4, 5, 0, 0, 4000)
		if errs := p.Validate(); len(errs) > 0 {
			t.Fatal(errs)
		}
		r, err := Run(p, Config{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		births, diverted := sumAnnual(t, r, "births"), sumAnnual(t, r, "maternity_diverted")
		admissions := sumAnnual(t, r, "maternity_admissions")
		if admissions != births {
			t.Errorf("maternity_admissions %v, births %v: with no antenatal admissions every admission is a delivery", admissions, births)
		}
		if got := diverted / (births + diverted); math.Abs(got-want) > 0.015 {
			t.Errorf("diverted %.4f of %v women, want Erlang B %.4f ± 0.015", got, births+diverted, want)
		}
	})
	t.Run("neonatal cots", func(t *testing.T) {
		t.Parallel()
		p := maternityParams(4, 100, 5, 0, 4000)
		p.Services.Neonatal.Intensive, p.Services.Neonatal.HighDependency = 0.1, 0.2
		if errs := p.Validate(); len(errs) > 0 {
			t.Fatal(errs)
		}
		r, err := Run(p, Config{Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		if d := sumAnnual(t, r, "maternity_diverted"); d != 0 {
			t.Errorf("%v women diverted from 100 beds at 4 erlangs", d)
		}
		admitted, transferred := sumAnnual(t, r, "neonatal_admissions"), sumAnnual(t, r, "neonatal_transfers")
		births := sumAnnual(t, r, "births")
		// Half the births need a cot: binomial, sd √(0.25 N) ≈ 32 of 8,000.
		if babies := admitted + transferred; math.Abs(babies/births-0.5) > 4*math.Sqrt(0.25/births) {
			t.Errorf("%v babies needing a cot of %v births, want half ± 4 sd", babies, births)
		}
		if got := transferred / (admitted + transferred); math.Abs(got-want) > 0.015 {
			t.Errorf("transferred %.4f of %v babies, want Erlang B %.4f ± 0.015", got, admitted+transferred, want)
		}
		// The levels of care share every ended stay's days 10/20/70; with
		// the stays still going at the end (a few cots' worth, of ≈ 16,000
		// cot days), their sum is the cot days within 1%.
		ic, hd, sc := sumAnnual(t, r, "neonatal_intensive_days"), sumAnnual(t, r, "neonatal_high_dependency_days"), sumAnnual(t, r, "neonatal_special_days")
		all := ic + hd + sc
		if math.Abs(ic/all-0.1) > 1e-9 || math.Abs(hd/all-0.2) > 1e-9 {
			t.Errorf("cot days by level %v, %v, %v: want shares 0.1, 0.2, 0.7", ic, hd, sc)
		}
		if days := sumAnnual(t, r, "neonatal_bed_days"); math.Abs(all/days-1) > 0.01 {
			t.Errorf("cot days by level sum to %v, the unit's cot days %v", all, days)
		}
	})
}

// TestMaternityAntenatal checks that antenatal admissions come at
// Antenatal per delivery and take beds but bring no births and no babies:
// 2 deliveries a day and 0.5 antenatal admissions per delivery in 1,000
// beds (none diverted) over 2,000 days are ≈ 4,000 births and ≈ 2,000
// antenatal admissions, each count Poisson (sd ≈ 63 and 45); the bed
// days, by Little's law, are admissions × the mean stay of 1 day, within
// the sampling error of 6,000 exponential stays (sd ≈ 77) plus the stays
// cut at the horizon.
func TestMaternityAntenatal(t *testing.T) {
	t.Parallel()
	p := maternityParams(2, 1000, 0, 0.5, 2000)
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := Run(p, Config{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	births, admissions := sumAnnual(t, r, "births"), sumAnnual(t, r, "maternity_admissions")
	if math.Abs(births-4000) > 4*63 {
		t.Errorf("births %v, want 4,000 ± 4 sd", births)
	}
	if antenatal := admissions - births; math.Abs(antenatal-2000) > 4*45 {
		t.Errorf("antenatal admissions %v, want 2,000 ± 4 sd", antenatal)
	}
	if days := sumAnnual(t, r, "maternity_bed_days"); math.Abs(days-admissions) > 4*77+10 {
		t.Errorf("maternity_bed_days %v, want ≈ admissions %v × 1 day", days, admissions)
	}
}

// paediatricParams is one band of 100,000 people arriving urgently at
// 100 a day (0.001 a person a day) by one route, admit 0.3; a fifth of
// them children, of whom a quarter are referred to the paediatric
// assessment unit (50 spaces) for an assessment of 4 hours; half of
// those admitted to the children's ward (50 beds) for 2 days. No ED: an
// adult who would be admitted goes straight to an acute bed (1,000 beds,
// 1 day, home) and everyone else home. No warm-up; 1,000 days.
func paediatricParams() *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 1000,
		Population: Population{
			Localities: []Locality{{Name: "town", People: 100_000}},
			AgeBands:   []AgeBand{{Name: "0-64", Share: 1, RiskShares: []float64{1}, Urgent: 0.001}},
			Risk:       []RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Demand: Demand{Urgent: UrgentDemand{Routes: []Route{{Name: "walk-in", Share: 1, Admit: 0.3}}}},
		Services: Services{
			Acute: Acute{Enabled: true, Beds: 1000, LengthOfStay: des.Fixed(1), Pathways: Pathways{Home: 1}},
			PaediatricAssessment: PaediatricAssessment{Enabled: true, Spaces: 50, Bands: []string{"0-64"},
				Children: 0.2, Referral: 0.25, Assessment: des.Fixed(4.0 / 24), Admit: 0.5},
			PaediatricWard: PaediatricWard{Enabled: true, Beds: 50, LengthOfStay: des.Fixed(2)},
		},
	}
}

// TestPaediatricPathway checks the children's urgent pathway of
// paediatricParams by hand: of 100 arrivals a day, 20 are children, 5 of
// them referred (a quarter) and 2.5 admitted to the ward (half); of the
// 80 adults, 24 are admitted to an acute bed (0.3). Over 1,000 days the
// counts are Poisson: assessments ≈ 5,000 (sd 71), ward admissions
// ≈ 2,500 (sd 50), acute admissions ≈ 24,000 (sd 155); the tolerance is
// 4 sd. Exactly, from the event log: every child assessed leaves the
// unit for home or the ward, and no child takes an acute bed. By Little's
// law the ward holds 2.5 × 2 = 5 children on average and the unit
// 5 × 4/24 = 0.83, with the fixed stays exact and only the Poisson counts
// varying (≈ 1.4% relative: tolerance 6%). Spaces never run out (a
// Poisson 0.83 reaching 50 is out of the question), so no child waits.
func TestPaediatricPathway(t *testing.T) {
	t.Parallel()
	p := paediatricParams()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	children := map[int64]bool{}
	wardIn, childAcute := 0, 0
	r, err := Run(p, Config{Seed: 4, Trace: func(e TraceEvent) {
		switch {
		case e.Event == "refer" && e.Service == svcPAU.name:
			children[e.Patient] = true
		case e.Event == "admit" && e.Service == svcPaedWard.name:
			wardIn++
		case e.Event == "admit" && e.Service == svcAcute.name && children[e.Patient]:
			childAcute++
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	m := func(name string) float64 {
		t.Helper()
		i := MetricIndex(name)
		if i < 0 {
			t.Fatalf("no metric %s", name)
		}
		return r.Metrics[i]
	}
	years := 1000 / 365.25
	for _, c := range []struct {
		name     string
		got      float64
		want, sd float64
	}{
		{"paediatric assessments", sumAnnual(t, r, "paediatric_assessments"), 5000, 71},
		{"children's ward admissions", sumAnnual(t, r, "paediatric_admissions"), 2500, 50},
		{"acute admissions", m("nel_admissions_per_year") * years, 24000, 155},
	} {
		if math.Abs(c.got-c.want) > 4*c.sd {
			t.Errorf("%s %.0f, want %.0f ± 4 sd (%.0f)", c.name, c.got, c.want, 4*c.sd)
		}
	}
	if childAcute != 0 {
		t.Errorf("%d children took an acute bed", childAcute)
	}
	if float64(wardIn) != sumAnnual(t, r, "paediatric_admissions") {
		t.Errorf("the event log admits %d children to the ward, the measure %v", wardIn, sumAnnual(t, r, "paediatric_admissions"))
	}
	if got := m("paediatric_beds_occupied_mean"); math.Abs(got/5-1) > 0.06 {
		t.Errorf("children's ward beds occupied %.3f, want 5 by Little's law (± 6%%)", got)
	}
	if got := m("paediatric_assessment_occupancy_mean") * 50; math.Abs(got/(5*4.0/24)-1) > 0.06 {
		t.Errorf("children in the assessment unit %.3f, want 0.83 by Little's law (± 6%%)", got)
	}
	if w := sumAnnual(t, r, "paediatric_assessment_waits"); w != 0 {
		t.Errorf("%v children waited for one of 50 spaces at 0.83 in use on average", w)
	}
}

// TestPaediatricWardBlocks checks that a child admitted from the
// assessment unit keeps their space there until a ward bed is free
// (blocking after service), and that a child finding no space waits for
// one and is counted: one ward bed held for 10 days by each child, every
// child referred and admitted, one assessment space, children arriving
// at 5 a day. From the second child on, each waits in the unit for the
// ward bed, so the unit is full nearly all the time and nearly every
// child waits for it; the ward admits one child per 10 days.
func TestPaediatricWardBlocks(t *testing.T) {
	t.Parallel()
	p := paediatricParams()
	p.Horizon = 100
	p.Demand.Urgent.Routes[0].Admit = 0
	pa := &p.Services.PaediatricAssessment
	pa.Spaces, pa.Children, pa.Referral, pa.Admit = 1, 0.05, 1, 1
	p.Services.PaediatricWard.Beds, p.Services.PaediatricWard.LengthOfStay = 1, des.Fixed(10)
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := Run(p, Config{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	// The first child, at t0 (within hours of the start: 0.25 children
	// an hour), reaches the ward at t0 + 4h, and child k at t0 + 4h +
	// 10(k − 1) days: 10 admissions by day 100. Child k ≥ 2 takes the
	// space as child k − 1 leaves it for the ward, at t0 + 4h + 10(k − 2):
	// 11 assessments, the last still waiting in the space at the end.
	if got := sumAnnual(t, r, "paediatric_admissions"); got != 10 {
		t.Errorf("children's ward admissions %v in 100 days of one 10-day bed, want 10", got)
	}
	if got := sumAnnual(t, r, "paediatric_assessments"); got != 11 {
		t.Errorf("assessments %v, want 11: each child after the first waits in the only space for the ward", got)
	}
	if got := sumAnnual(t, r, "paediatric_assessment_waits"); got < 8 {
		t.Errorf("%v children counted waiting for the space, want at least 8 of the 11 assessed", got)
	}
}

// TestWomensChecks checks the women's and children's services' positioned
// errors.
func TestWomensChecks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		edit  func(p *Params)
		field string
	}{
		{"no beds", func(p *Params) { p.Services.Maternity.Beds = 0 }, "services.maternity.beds"},
		{"negative births", func(p *Params) { p.Services.Maternity.Births = -1 }, "services.maternity.births"},
		{"no stay", func(p *Params) { p.Services.Maternity.LengthOfStay = des.Dist{} }, "services.maternity.length_of_stay"},
		{"admit above 1", func(p *Params) { p.Services.Neonatal.Admit = 1.5 }, "services.neonatal.admit"},
		{"levels above 1", func(p *Params) { p.Services.Neonatal.Intensive, p.Services.Neonatal.HighDependency = 0.6, 0.6 }, "services.neonatal"},
		{"neonatal without maternity", func(p *Params) { p.Services.Maternity.Enabled = false }, "services.neonatal.enabled"},
		{"unknown band", func(p *Params) { p.Services.PaediatricAssessment.Bands = []string{"kids"} }, "services.paediatric_assessment.bands[0]"},
		{"no bands", func(p *Params) { p.Services.PaediatricAssessment.Bands = nil }, "services.paediatric_assessment.bands"},
		{"unit without ward", func(p *Params) { p.Services.PaediatricWard.Enabled = false }, "services.paediatric_assessment.enabled"},
		{"no spaces", func(p *Params) { p.Services.PaediatricAssessment.Spaces = 0 }, "services.paediatric_assessment.spaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := paediatricParams()
			q := maternityParams(4, 5, 5, 0, 10)
			p.Services.Maternity, p.Services.Neonatal = q.Services.Maternity, q.Services.Neonatal
			if errs := p.Validate(); len(errs) > 0 {
				t.Fatalf("the valid scenario: %v", errs)
			}
			tc.edit(p)
			errs := p.Validate()
			found := false
			for _, e := range errs {
				var fe *des.FieldError
				if errors.As(e, &fe) && fe.Field == tc.field {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s; got %v", tc.field, errs)
			}
		})
	}
}
