package plots

import (
	"io"
	"os"
	"path/filepath"
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
// format, for a results folder's atomic save, drawn at o's size. A
// Figure saves to a path, so each chart is drawn into tmp (a scratch
// folder) and copied into the file being written.
func (o Output) Writers(charts []Chart, tmp string) ([]string, []func(io.Writer) error) {
	var names []string
	var writers []func(io.Writer) error
	for _, c := range charts {
		for _, format := range o.Formats {
			name := c.File + "." + format
			names = append(names, name)
			writers = append(writers, func(w io.Writer) error {
				path := filepath.Join(tmp, name)
				width, height := SlideWidth, SlideHeight
				if o.A4 {
					width, height = A4Width, A4Height
				}
				if err := c.Fig.Save(path, width, height); err != nil {
					return err
				}
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = io.Copy(w, f)
				return err
			})
		}
	}
	return names, writers
}
