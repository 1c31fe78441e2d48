package plots_test

import (
	"log"
	"math"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleLengthOfStay draws a year's acute stays from fixed figures: 30 000
// stays whose lengths follow a lognormal distribution with a median of 3.5
// days and a log-scale spread of 1, so that the mean is 3.5·e^0.5 ≈ 5.8 days
// and one stay in a hundred lasts longer than 3.5·e^2.33 ≈ 36 days; stays
// are counted in 6-hour bins and run to 120 days. The chart cuts the tail
// at 35 days and merges the 140 bins left into 1-day bars, and its
// cumulative line keeps the 6-hour steps.
func ExampleLengthOfStay() {
	const (
		stays  = 30000
		median = 3.5 // days
		sigma  = 1.0
	)
	// cdf is the lognormal distribution function of length of stay in days.
	cdf := func(d float64) float64 {
		if d <= 0 {
			return 0
		}
		return 0.5 * math.Erfc(-(math.Log(d)-math.Log(median))/(sigma*math.Sqrt2))
	}
	s := plots.LOS{
		Pool:     "Acute",
		Place:    "Northshire (baseline)",
		BinWidth: 0.25, // days: 6 hours
		Mean:     median * math.Exp(sigma*sigma/2),
		Median:   median,
	}
	for k := range 480 {
		s.Counts = append(s.Counts, math.Round(stays*(cdf(float64(k+1)*s.BinWidth)-cdf(float64(k)*s.BinWidth))))
	}
	f, err := plots.LengthOfStay(s)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/los.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
