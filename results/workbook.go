package results

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// WorkbookName is the Excel workbook that every results folder holds:
// what its CSV and JSON files hold for a board or an analyst who lives in
// Excel, each figure a typed number with its unit and period.
const WorkbookName = "results.xlsx"

// Book is a workbook of sheets, each a header row and rows of typed
// cells, written by [Book.Write] as an Office Open XML spreadsheet
// (.xlsx). The zero value is an empty book.
type Book struct {
	Title  string // the document's title, in its properties
	Sheets []*Sheet
}

// Sheet is one sheet of a [Book]: a header row, frozen so that it stays
// in view, then its rows. A cell is a string; an int; a float64, whose
// NaN or infinity (nothing measured) is an empty cell; a [Figure]; or nil,
// an empty cell. Nothing but the header and the rows is on a sheet, so
// that a reader such as pandas.read_excel takes the first row for the
// columns' names.
type Sheet struct {
	Name   string // at most 31 characters, as Excel allows
	Header []string
	Rows   [][]any
	// Widths are the columns' widths in characters, in order; columns
	// beyond them, or of width 0, are of Excel's default width.
	Widths []float64
}

// Figure is a number in a unit: a typed cell shown in the unit's number
// format (a fraction as a percentage, pounds with £ and thousands
// separators), whose value is the number as the CSV files hold it, to
// the 15 significant digits that Excel keeps ([Excel15]).
type Figure struct {
	Value float64
	Unit  string
}

// MaxSheetRows is the most rows a sheet holds after its header: Excel's
// limit of 1,048,576 rows, less the header.
const MaxSheetRows = 1<<20 - 1

// Add appends a sheet and returns it.
func (b *Book) Add(name string, header ...string) *Sheet {
	s := &Sheet{Name: name, Header: header}
	b.Sheets = append(b.Sheets, s)
	return s
}

// Row appends a row of cells.
func (s *Sheet) Row(cells ...any) { s.Rows = append(s.Rows, cells) }

// BookDate is the date a workbook carries as its creation and
// modification dates, so that the same results give the same bytes: the
// time SOURCE_DATE_EPOCH gives in seconds since 1970 when it is set (the
// reproducible-builds convention), else 1 January 2000 UTC, as the PDF
// charts carry.
func BookDate() time.Time {
	if s, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok {
		if sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)
}

// numberFormat is the Excel number format of a figure in unit.
func numberFormat(unit string) string {
	switch {
	case unit == "fraction":
		return "0.00%"
	case strings.HasPrefix(unit, "£"):
		return `"£"#,##0;-"£"#,##0`
	}
	return "#,##0.00"
}

// Write writes the book as an .xlsx file: the same book gives the same
// bytes, its dates being [BookDate] and its parts in a fixed order.
func (b *Book) Write(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	date := BookDate().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "caresim", LastModifiedBy: "caresim", Title: b.Title, Created: date, Modified: date, Language: "en-GB",
	}); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	styles := map[string]int{}
	style := func(unit string) (int, error) {
		code := numberFormat(unit)
		if id, ok := styles[code]; ok {
			return id, nil
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		styles[code] = id
		return id, err
	}
	for i, s := range b.Sheets {
		if len(s.Rows) > MaxSheetRows {
			return fmt.Errorf("workbook: sheet %s has %d rows, more than Excel's %d", s.Name, len(s.Rows), MaxSheetRows)
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.Name)
		if err != nil {
			return err
		}
		for c, wd := range s.Widths {
			if wd > 0 {
				if err := sw.SetColWidth(c+1, c+1, wd); err != nil {
					return err
				}
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		head := make([]any, len(s.Header))
		for c, h := range s.Header {
			head[c] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		row := make([]any, 0, len(s.Header))
		for r, cells := range s.Rows {
			row = row[:0]
			for _, c := range cells {
				v, err := cellValue(c, style)
				if err != nil {
					return err
				}
				row = append(row, v)
			}
			at, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(at, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	var raw bytes.Buffer
	if _, err := f.WriteTo(&raw); err != nil {
		return err
	}
	return rezip(w, raw.Bytes(), BookDate())
}

// cellValue is the value excelize writes for the cell c: nil for a value
// not measured, and a figure with its unit's style.
func cellValue(c any, style func(unit string) (int, error)) (any, error) {
	switch c := c.(type) {
	case nil, string, int:
		return c, nil
	case float64:
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return nil, nil
		}
		return Excel15(c), nil
	case Figure:
		if math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
			return nil, nil
		}
		id, err := style(c.Unit)
		return excelize.Cell{StyleID: id, Value: Excel15(c.Value)}, err
	}
	return nil, fmt.Errorf("workbook: a cell of type %T", c)
}

// Excel15 is x rounded to 15 significant digits, the precision Excel
// keeps of a number: a workbook's cell holds it (excelize would cut the
// digits beyond, not round them).
func Excel15(x float64) float64 {
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if err != nil {
		return x
	}
	return y
}

// rezip copies the zip archive raw to w with its entries in a fixed
// order ([Content_Types].xml first, as readers expect, then by name) and
// dated date, so that the same workbook is the same bytes whatever order
// excelize wrote its parts in (its sheets' streams come from a map).
func rezip(w io.Writer, raw []byte, date time.Time) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	const types = "[Content_Types].xml"
	slices.SortFunc(files, func(a, b *zip.File) int {
		switch {
		case a.Name == b.Name:
			return 0
		case a.Name == types:
			return -1
		case b.Name == types:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		r, err := f.Open()
		if err != nil {
			return err
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: date})
		if err == nil {
			_, err = io.Copy(out, r)
		}
		r.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
