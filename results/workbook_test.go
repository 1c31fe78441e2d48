package results

import (
	"archive/zip"
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// testBook is a book of two sheets with every kind of cell.
func testBook() *Book {
	b := &Book{Title: "test"}
	h := b.Add("headline", "metric", "unit", "mean", "replications", "note")
	h.Row("ed_4h_performance", "fraction", Figure{Value: 0.9393, Unit: "fraction"}, 20, nil)
	h.Row("deficit_final_year_gbp", "£", Figure{Value: 136_123_456.78, Unit: "£"}, 20, "a gap")
	h.Row("ed_wait_hours_mean", "hours", Figure{Value: math.NaN(), Unit: "hours"}, 0, "not measured")
	h.Row("ed_attendances_per_year", "per year", 158269.66666666666, 20, nil)
	b.Add("about", "item", "value").Row("Seed", "20140401")
	return b
}

// TestBookReadBack writes a book and reads it back with excelize: the
// sheets in order, the header, each number a number cell with its value
// (to Excel's 15 significant digits), a value not measured an empty cell,
// text as text, and a fraction shown as a percentage.
func TestBookReadBack(t *testing.T) {
	var buf bytes.Buffer
	if err := testBook().Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), ","), "headline,about"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	for _, c := range []struct {
		cell string
		typ  excelize.CellType
		want string
	}{
		{"A1", excelize.CellTypeInlineString, "metric"},
		{"C2", excelize.CellTypeUnset, "0.9393"}, // a number: no type attribute
		{"D2", excelize.CellTypeUnset, "20"},
		{"C3", excelize.CellTypeUnset, "136123456.78"},
		{"E3", excelize.CellTypeInlineString, "a gap"},
		{"C4", excelize.CellTypeUnset, ""},
		// 158269.66666666666 to 15 significant digits, rounded, not cut.
		{"C5", excelize.CellTypeUnset, "158269.666666667"},
	} {
		typ, err := f.GetCellType("headline", c.cell)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetCellValue("headline", c.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if typ != c.typ || got != c.want {
			t.Errorf("%s: type %v value %q, want %v %q", c.cell, typ, got, c.typ, c.want)
		}
	}
	shown, err := f.GetCellValue("headline", "C2")
	if err != nil {
		t.Fatal(err)
	}
	if shown != "93.93%" {
		t.Errorf("C2 shows %q, want 93.93%%", shown)
	}
	if panes, err := f.GetPanes("headline"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("headline's panes %+v (%v), want the header row frozen", panes, err)
	}
}

// TestBookSameBytes writes the same book twice: the same bytes, dated 1
// January 2000 (or SOURCE_DATE_EPOCH's date), with [Content_Types].xml
// first in the archive.
func TestBookSameBytes(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	var a, b bytes.Buffer
	if err := testBook().Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := testBook().Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same book written twice differs")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("the archive starts with %s", zr.File[0].Name)
	}
	for _, f := range zr.File {
		if got := f.Modified.UTC().Format("2006-01-02"); got != "2000-01-01" {
			t.Errorf("%s is dated %s, want 2000-01-01", f.Name, got)
		}
		if f.Name != "docProps/core.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var core bytes.Buffer
		core.ReadFrom(r)
		r.Close()
		for _, want := range []string{"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>", "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>", "<dc:creator>caresim</dc:creator>"} {
			if !strings.Contains(core.String(), want) {
				t.Errorf("docProps/core.xml lacks %s:\n%s", want, core.String())
			}
		}
	}

	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-14T22:13:20Z
	var c bytes.Buffer
	if err := testBook().Write(&c); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&c)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Created != "2023-11-14T22:13:20Z" || p.Modified != p.Created {
		t.Errorf("with SOURCE_DATE_EPOCH, created %s and modified %s, want 2023-11-14T22:13:20Z", p.Created, p.Modified)
	}
}

// TestBookRefusesOddCells refuses a cell of a type a sheet cannot hold.
func TestBookRefusesOddCells(t *testing.T) {
	b := &Book{}
	b.Add("x", "a").Row(struct{}{})
	if err := b.Write(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "a cell of type struct {}") {
		t.Errorf("got %v, want a refusal of the cell's type", err)
	}
}

// TestExcel15 rounds to 15 significant digits and leaves shorter numbers.
func TestExcel15(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{0.9393, 0.9393},
		{158269.66666666666, 158269.666666667},
		{-1.23456789012345678e-7, -1.23456789012346e-7},
		{136123456.78, 136123456.78},
	} {
		if got := Excel15(c.x); got != c.want {
			t.Errorf("Excel15(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}
