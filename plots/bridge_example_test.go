package plots_test

import (
	"log"

	"caresim/plots"
)

// ExampleGapBridge draws a system's gap bridge from fixed figures: a
// deficit of £30m in the first year grows to £95m in the fifth, as costs
// outgrow funding, against a published projection of £80m.
func ExampleGapBridge() {
	e := func(mean, half float64) plots.Estimate {
		return plots.Estimate{Mean: mean, Lo: mean - half, Hi: mean + half}
	}
	b := plots.Bridge{
		Body: "whole system, Northshire", From: "2025/26", To: "2029/30",
		Start: e(30e6, 1e6),
		Steps: []plots.BridgeStep{
			{Name: "Demography (activity volume)", Value: e(18e6, 1.5e6)},
			{Name: "Non-demographic growth", Value: e(25e6, 0.5e6)},
			{Name: "Pay and prices", Value: e(48e6, 0.5e6)},
			{Name: "Tariff efficiency", Value: e(-6e6, 0.2e6)},
			{Name: "Capacity", Value: e(5e6, 0.8e6)},
			{Name: "Fixed costs (PFI)", Value: e(5e6, 0)},
			{Name: "Funding growth", Value: e(-30e6, 0)},
		},
		End:       e(95e6, 2e6),
		Interval:  "95% CI",
		Reference: &plots.Reference{Year: "2029/30", Gap: 80e6, Label: "The plan's projection"},
	}
	f, err := plots.GapBridge(b)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/bridge.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
