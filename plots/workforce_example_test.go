package plots_test

import (
	"log"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleWorkforceByYear draws five years of a system's nurses and care
// workers from fixed data: nurses needed grow by 2% a year while those in
// post stay a tenth short, with agency nurses covering most of the gap;
// care workers' establishment is flat, their vacancies falling after a
// recruitment drive in the third year.
func ExampleWorkforceByYear() {
	w := plots.Workforce{Place: "Northshire", Years: []string{"2025/26", "2026/27", "2027/28", "2028/29", "2029/30"}}
	nurses := plots.StaffRole{Name: "Nurses"}
	carers := plots.StaffRole{Name: "Care workers"}
	need := 1500.0
	for y := range 5 {
		nurses.Needed = append(nurses.Needed, need)
		nurses.InPost = append(nurses.InPost, 0.9*need)
		nurses.Agency = append(nurses.Agency, 0.08*need)
		need *= 1.02
		vac := 0.08
		if y >= 2 {
			vac = 0.04
		}
		carers.Needed = append(carers.Needed, 3000)
		carers.InPost = append(carers.InPost, 3000*(1-vac))
		carers.Agency = append(carers.Agency, 0.3*3000*vac)
	}
	w.Roles = []plots.StaffRole{nurses, carers}
	f, err := plots.WorkforceByYear(w)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/workforce.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
