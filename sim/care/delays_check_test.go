package care_test

import (
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// TestValidateDelaysAndHomeCare checks that the delays' and the home-care
// market's parameters are refused, each at its path, when they are out of
// range or missing where they are needed.
func TestValidateDelaysAndHomeCare(t *testing.T) {
	t.Parallel()
	homeCare := func() care.HomeCare {
		return care.HomeCare{Enabled: true, Hours: 1000, Package: des.Fixed(10), Duration: des.Exponential(365),
			Occupied: 500, Community: 1, Growth: 0.01, FromHome: 0.01, AfterReablement: 0.2}
	}
	cases := []struct {
		name string
		edit func(p *care.Params)
		want []fieldErr
	}{
		{"valid", func(p *care.Params) {
			p.Services.HomeCare = homeCare()
			p.Services.Delays = care.Delays{Medicines: care.DelayWait{Share: 0.8, Wait: des.Fixed(0.1)}, Nursing: 0.5,
				Attribution: care.Attribution{Assessment: care.Owners{NHS: 0.5, Both: 0.5}}}
		}, nil},
		{"home care enabled with nothing", func(p *care.Params) { p.Services.HomeCare = care.HomeCare{Enabled: true} },
			[]fieldErr{{"services.home_care.hours", "must be at least 1 when home care is enabled"},
				{"services.home_care.package", "missing"}, {"services.home_care.duration", "missing"}}},
		{"more hours in use than the market has", func(p *care.Params) {
			p.Services.HomeCare = homeCare()
			p.Services.HomeCare.Occupied = 1001
		}, []fieldErr{{"services.home_care.occupied", "1001 hours a week in use at the start, but the market has only 1000"}}},
		{"hours beyond the bound", func(p *care.Params) {
			p.Services.HomeCare = homeCare()
			p.Services.HomeCare.Hours = 600_000
		}, []fieldErr{{"services.home_care.hours", "must be at most 500,000 hours a week"}}},
		{"shares out of range", func(p *care.Params) {
			p.Services.HomeCare = homeCare()
			p.Services.HomeCare.FromHome = 1.5
			p.Services.HomeCare.Growth = 1.5
			p.Services.Delays.Nursing = -0.1
		}, []fieldErr{{"services.home_care.growth", "did you mean 1.5%?"},
			{"services.home_care.from_home", "must be a fraction between 0 and 1"},
			{"services.delays.nursing", "must be a fraction between 0 and 1"}}},
		{"a wait with a share needs its distribution", func(p *care.Params) {
			p.Services.Delays.Transport.Share = 0.1
		}, []fieldErr{{"services.delays.transport.wait", "missing"}}},
		{"attribution above 1", func(p *care.Params) {
			p.Services.Delays.Attribution.NursingHome = care.Owners{NHS: 0.7, Both: 0.5}
		}, []fieldErr{{"services.delays.attribution.nursing_home", "nhs and both together exceed 1 (100%): 1.2"}}},
		{"home care's growth cannot change from a date", func(p *care.Params) {
			p.Services.HomeCare = homeCare()
			p.Interventions[0].Changes = append(p.Interventions[0].Changes,
				care.Change{Path: "services.home_care.growth", To: &care.Effect{Low: 0.02, Central: 0.02, High: 0.02}})
		}, []fieldErr{{"interventions[0].changes[2].path", "scale services.home_care.community"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := validParams()
			c.edit(p)
			checkErrors(t, p.Validate(), c.want)
		})
	}
}
