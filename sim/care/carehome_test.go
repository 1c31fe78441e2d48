package care

import (
	"testing"

	"caresim/sim/des"
)

// residentsParams is ten care-home residents who never die (a stay of
// 10 000 days) in twenty beds, each calling at 0.1 a day, every call
// needing an acute bed (admit 1; no ED, so straight to a bed) for two
// days, and every spell ending on the discharge pathway of pathways. The
// calls come at 0.1 × 10 = 1 a day. Nobody else needs a care home.
func residentsParams(pathways Pathways) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 200,
		Services: Services{
			Acute:            Acute{Enabled: true, Beds: 50, LengthOfStay: des.Fixed(2), Pathways: pathways},
			IntermediateCare: IntermediateCare{Enabled: true, Beds: 50, LengthOfStay: des.Fixed(5), Outcomes: Outcomes{CareHome: 1}},
			Reablement:       Reablement{Enabled: true, Caseload: 50, Duration: des.Fixed(5), Outcomes: Outcomes{CareHome: 1}},
			CareHomes: CareHomes{Enabled: true, Beds: 20, Occupied: 10, LengthOfStay: des.Fixed(10_000),
				UrgentCalls: 0.1, Admit: 1},
		},
	}
}

// TestCareHomeResidentsReturn checks that a care-home resident who goes
// to hospital comes back to their own place, which they kept, and is not
// admitted to a care home again: permanent admissions (the adult social
// care measure ASCOF 2A) count a person once, when they are first placed.
// Every spell here is a resident's (the care-home route), and the
// discharge needs a care home, or reablement or an intermediate-care bed
// that ends in one. So, exactly:
//
//   - care_home_admissions is 0 every year;
//   - the residents stay the ten of the census, every day (a returning
//     resident taking a second bed would raise them towards the twenty
//     beds);
//   - care_home_returns counts every resident going back: each leaving
//     the acute bed on pathway 0 or 1 (the DHSC 2022 discharge pathways
//     count a return to the original care home there), or leaving the
//     intermediate-care bed, as the event log shows.
func TestCareHomeResidentsReturn(t *testing.T) {
	t.Parallel()
	returns := AnnualIndex("care_home_returns")
	if returns < 0 {
		t.Fatal("no annual measure care_home_returns")
	}
	for _, tc := range []struct {
		name     string
		pathways Pathways
		from     string // the service a return leaves, in the event log
	}{
		{"pathway 3", Pathways{CareHome: 1}, svcAcute.name},
		{"pathway 0", Pathways{Home: 1}, svcAcute.name},
		{"pathway 1 (reablement, ending in a care home)", Pathways{Reablement: 1}, svcAcute.name},
		{"pathway 2 (intermediate care, ending in a care home)", Pathways{Bed: 1}, svcIC.name},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := residentsParams(tc.pathways)
			if errs := p.Validate(); len(errs) > 0 {
				t.Fatal(errs)
			}
			leaves := 0
			r, err := Run(p, Config{Seed: 1, Trace: func(e TraceEvent) {
				if e.Event == "leave" && e.Service == tc.from {
					leaves++
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			admissions, back := 0.0, 0.0
			for _, a := range r.Annual {
				admissions += a[AnnualCareHomeAdmissions]
				back += a[returns]
			}
			if admissions != 0 {
				t.Errorf("care_home_admissions = %g, want 0: every spell is a resident's", admissions)
			}
			for d, got := range r.Daily[DailyCareHomeMidnight] {
				if got != 10 {
					t.Errorf("day %d: %g residents at midnight, want the census's 10", d, got)
					break
				}
			}
			if leaves < 100 || back != float64(leaves) {
				t.Errorf("care_home_returns = %g, want the %d leaving %s (about 200 calls in 200 days)", back, leaves, tc.from)
			}
			if got := r.Metrics[MetricIndex("care_home_returns_per_year")]; got != back/(200/365.25) {
				t.Errorf("care_home_returns_per_year = %g, want %g", got, back/(200/365.25))
			}
		})
	}
}
