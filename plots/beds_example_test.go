package plots_test

import (
	"log"
	"math"
	"time"

	"caresim/plots"
)

// ExampleBedsOverTime draws a winter of acute bed occupancy from fixed data:
// a seasonal mean, a band that widens with the mean, capacity that opens 20
// escalation beds in December, and a discharge-to-assess scheme from January.
func ExampleBedsOverTime() {
	f, err := plots.BedsOverTime(exampleBeds())
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/beds.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}

// bedsAtSlideSize draws ExampleBedsOverTime's chart at a slide's size,
// the size the commands draw by default, for its own golden.
func bedsAtSlideSize() {
	f, err := plots.BedsOverTime(exampleBeds())
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/beds_slide.png", plots.SlideWidth, plots.SlideHeight); err != nil {
		log.Fatal(err)
	}
}

// exampleBeds is ExampleBedsOverTime's winter.
func exampleBeds() plots.Beds {
	start := time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)
	const days = 182
	b := plots.Beds{
		Pool:  "Acute",
		Place: "Northshire General",
		Start: start,
		Interventions: []plots.Marker{
			{Label: "Escalation beds", At: time.Date(2025, time.December, 1, 0, 0, 0, 0, time.UTC)},
			{Label: "Discharge to assess", At: time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)},
		},
	}
	for i := range days {
		// A winter peak in early January and a weekly cycle, in beds.
		m := 400 + 40*math.Exp(-math.Pow(float64(i-95)/30, 2)) + 8*math.Sin(2*math.Pi*float64(i)/7)
		if i >= 96 {
			m -= 15 * (1 - math.Exp(-float64(i-96)/14))
		}
		b.Mean = append(b.Mean, m)
		b.P10 = append(b.P10, m-12-0.1*(m-400))
		b.P90 = append(b.P90, m+12+0.1*(m-400))
		c := 430.0
		if i >= 61 {
			c = 450
		}
		b.Capacity = append(b.Capacity, c)
	}
	return b
}
