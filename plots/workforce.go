package plots

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Workforce is the staff of a system by role and financial year, means
// across replications of each year's mean, the input to
// [WorkforceByYear]. Years labels the x axis; each role's slices have one
// value per year.
type Workforce struct {
	Place string   // system, e.g. "Northshire"
	Years []string // financial year labels
	Roles []StaffRole
}

// StaffRole is one role's whole-time equivalents by year.
type StaffRole struct {
	Name   string    // "Nurses"
	Needed []float64 // the establishment of the planned capacity
	InPost []float64 // staff in post
	Agency []float64 // bank and agency staff working
}

// WorkforceByYear draws the workforce in two panels on one axis of
// financial years: above, each role's staff in post (solid) against the
// staff its planned capacity needs (dashed, the same colour); below, each
// role's bank and agency staff. Roles whose staff are all zero are left
// out. It returns [ErrNoData] when there are no years or no staff, and an
// error when a series' length differs from Years.
func WorkforceByYear(w Workforce) (*Figure, error) {
	n := len(w.Years)
	var roles []StaffRole
	for _, r := range w.Roles {
		if len(r.Needed) != n || len(r.InPost) != n || len(r.Agency) != n {
			return nil, fmt.Errorf("plots: workforce of %s: %s has %d, %d and %d values for %d years",
				w.Place, r.Name, len(r.Needed), len(r.InPost), len(r.Agency), n)
		}
		if anyValue(r.Needed) || anyValue(r.InPost) {
			roles = append(roles, r)
		}
	}
	if n == 0 || len(roles) == 0 {
		return nil, fmt.Errorf("plots: workforce of %s: %w", w.Place, ErrNoData)
	}
	staff := newPanel(fmt.Sprintf("Staff in post and needed by role, %s", w.Place), "", "Whole-time equivalents")
	agency := newPanel("", "Financial year", "Bank and agency WTE")
	f := &Figure{Panels: []*plot.Plot{staff, agency}}
	for _, p := range f.Panels {
		p.X.Tick.Marker = yearTicks(w.Years)
		p.X.Min, p.X.Max = -0.5, float64(n)-0.5
		p.Y.Min = 0
	}
	colours := []color.Color{blue, orange, green, vermillion, grey, black}
	line := func(ys []float64, c color.Color, dashes []vg.Length) (*plotter.Line, error) {
		xys := make(plotter.XYs, len(ys))
		for i, y := range ys {
			xys[i] = plotter.XY{X: float64(i), Y: y}
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width, l.Dashes = c, vg.Points(2), dashes
		return l, nil
	}
	for k, r := range roles {
		c := colours[k%len(colours)]
		in, err := line(r.InPost, c, nil)
		if err != nil {
			return nil, err
		}
		need, err := line(r.Needed, c, dashed)
		if err != nil {
			return nil, err
		}
		ag, err := line(r.Agency, c, nil)
		if err != nil {
			return nil, err
		}
		staff.Add(need, in)
		agency.Add(ag)
		f.Legend = append(f.Legend,
			LegendEntry{r.Name + ", in post", []plot.Thumbnailer{in}},
			LegendEntry{r.Name + ", needed", []plot.Thumbnailer{need}})
	}
	f.Legend = append(f.Legend, LegendEntry{"Below: bank and agency, colour by role", nil})
	return f, nil
}
