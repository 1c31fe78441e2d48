package plots_test

import (
	"log"
	"math"
	"time"

	"caresim/plots"
)

// ExampleBedBaseOverTime draws two years of an acute bed base from fixed
// data: beds planned to grow with demand, a rule that closes a bay of 6
// beds a month while occupancy stays low after a discharge scheme starts,
// and escalation beds opened for the winter peaks.
func ExampleBedBaseOverTime() {
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	const days = 730
	b := plots.BedBase{
		Pool:  "Acute",
		Place: "Northshire General",
		Start: start,
		Interventions: []plots.Marker{
			{Label: "Discharge to assess", At: time.Date(2025, time.July, 1, 0, 0, 0, 0, time.UTC)},
		},
	}
	closed := 0.0
	for i := range days {
		planned := 450 + float64(i)/73          // 10 beds more over the two years
		d := math.Mod(float64(i)-280+3650, 365) // days from the nearest peak, early January
		if d > 182.5 {
			d -= 365
		}
		winter := math.Exp(-math.Pow(d/40, 2))
		if i >= 120 && i%28 == 0 && closed < 30 {
			closed += 6
		}
		esc := math.Round(20*winter/5) * 5
		occupied := 390 + 50*winter + 6*math.Sin(2*math.Pi*float64(i)/7)
		if i >= 91 {
			occupied -= 25 * (1 - math.Exp(-float64(i-91)/60))
		}
		b.Planned = append(b.Planned, math.Round(planned))
		b.Open = append(b.Open, math.Round(planned)-closed+esc)
		b.Escalation = append(b.Escalation, esc)
		b.Occupied = append(b.Occupied, occupied)
	}
	f, err := plots.BedBaseOverTime(b)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/bedbase.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
