package plots

import (
	"fmt"
	"io"
)

// Formats are the file formats charts can be saved in, by extension.
var Formats = []string{"png", "svg", "pdf"}

// Output are the chart files to write: the formats, by extension, and
// the size, a slide's or (A4) an A4 page's. The zero value draws no
// charts (--no-plots).
type Output struct {
	Formats []string // each of Formats at most once
	A4      bool     // A4Width × A4Height, not SlideWidth × SlideHeight
}

// Drawn reports whether charts are drawn.
func (o Output) Drawn() bool { return len(o.Formats) > 0 }

// Writers returns the file names and writers of each chart in each
// format, for a results folder's atomic save, drawn at o's size straight
// into the file being written (no scratch file, which a killed process
// would leave behind).
func (o Output) Writers(charts []Chart) ([]string, []func(io.Writer) error) {
	var names []string
	var writers []func(io.Writer) error
	width, height := SlideWidth, SlideHeight
	if o.A4 {
		width, height = A4Width, A4Height
	}
	for _, c := range charts {
		for _, format := range o.Formats {
			name := c.File + "." + format
			names = append(names, name)
			writers = append(writers, func(w io.Writer) error {
				if err := c.Fig.Render(w, width, height, format); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				return nil
			})
		}
	}
	return names, writers
}
