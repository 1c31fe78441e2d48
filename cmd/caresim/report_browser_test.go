package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// reportOut keeps the browser tests' screenshots and PDFs in a folder of
// one's choosing, to look at:
//
//	go test -run Browser ./cmd/caresim -report-out /tmp/shots
var reportOut = flag.String("report-out", "", "save the browser tests' screenshots and PDFs in this folder, not a temporary one")

// chromium returns the path of a Chromium to open reports in. Without one
// the browser tests are skipped, unless CI is set (.ci/run installs it),
// when they fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed, and CI is set: .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium): the reports are not opened in a browser")
	return ""
}

// browserLimit is how long the browser may take over one test's reports:
// about 30 s on a quiet 2-core machine, and a minute was not enough at a
// load of 10–14 (make test beside other builds), where screenshots timed
// out though nothing was wrong.
const browserLimit = 3 * time.Minute

// browser starts a headless Chromium for the test, with a profile in a
// temporary folder and nothing that reaches for the network (the
// background updates stall the browser on a machine without one), and
// returns a context that drives one tab of it, with a limit of
// browserLimit.
// Under -short it skips the test, CI or not: the full suite opens the
// reports.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("opens reports in headless Chromium (about 10 s of CPU): go test without -short does")
	}
	path := chromium(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancel := context.WithTimeout(ctx, browserLimit)
	t.Cleanup(func() {
		cancel()
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

// pageEvents gathers what a page reports that a good report never
// causes: console errors, uncaught exceptions, errors in the browser's
// log (such as a resource that failed to load) and requests for anything
// but the report itself.
type pageEvents struct {
	mu     sync.Mutex
	report string // the report's URL
	errs   []string
}

// add is a chromedp.Listen callback: it must return at once.
func (p *pageEvents) add(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			msg = "console." + string(ev.Type)
			for _, a := range ev.Args {
				msg += " " + string(a.Value) + a.Description
			}
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			msg = fmt.Sprintf("log: %s %s", ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		p.mu.Lock()
		report := p.report
		p.mu.Unlock()
		if u := ev.Request.URL; u != report {
			msg = "request: " + u
		}
	}
	if msg != "" {
		p.mu.Lock()
		p.errs = append(p.errs, msg)
		p.mu.Unlock()
	}
}

// take returns the problems gathered since the last call, and sets the
// report's URL for the next page.
func (p *pageEvents) take(next string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	errs := p.errs
	p.errs, p.report = nil, next
	return errs
}

// reportCheck is what checkScript finds in a page.
type reportCheck struct {
	Missing []string `json:"missing"`
	Broken  []string `json:"broken"`
	Figures int      `json:"figures"`
	Tables  int      `json:"tables"`
}

// checkScript lists the sections missing, every image that did not load,
// and every inline SVG chart with no size or nothing drawn in it (fewer
// than three paths or three texts: a chart has axes, ticks and a title).
const checkScript = `(() => {
	const missing = ["headline", "charts", "changes", "validation", "manifest"].filter(id => !document.getElementById(id));
	const broken = [];
	for (const img of document.images) {
		if (!img.complete || img.naturalWidth === 0) broken.push("img " + img.src);
	}
	for (const svg of document.querySelectorAll("svg")) {
		const r = svg.getBoundingClientRect();
		const name = svg.getAttribute("aria-label") || "svg";
		if (r.width < 100 || r.height < 50) broken.push(name + ": " + r.width + "×" + r.height);
		if (svg.querySelectorAll("path").length < 3 || svg.querySelectorAll("text").length < 3) broken.push(name + ": nothing drawn");
	}
	return {missing, broken, figures: document.querySelectorAll("figure svg").length, tables: document.querySelectorAll("table").length};
})()`

// brokenWordsScript lists each word of a table's headings (its th cells
// and the first cell of each body row, leaving out the names in <small>
// and <code> under them, which may break) that the browser broke across
// lines: a heading set one letter a line is what a table too crowded for
// its page looks like. A word's text range then has rects on more than
// one line. Words end at spaces and dashes, where a break is fine.
const brokenWordsScript = `(() => {
	const broken = [];
	for (const cell of document.querySelectorAll("th, tbody td:first-child")) {
		const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (n.parentElement.closest("small, code")) continue;
			for (const m of n.data.matchAll(/[^\s\-–—]+/g)) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const lines = new Set(Array.from(r.getClientRects(), x => Math.round(x.top)));
				if (lines.size > 1) broken.push(JSON.stringify(m[0]) + " in " + JSON.stringify(cell.textContent.trim()));
			}
		}
	}
	return broken;
})()`

// checkWords fails the test for each word of a table heading that the
// page, as laid out now (on screen or in print, named by media), breaks
// inside (see brokenWordsScript).
func checkWords(t *testing.T, ctx context.Context, name, media string) {
	t.Helper()
	broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](brokenWordsScript))
	if err != nil {
		t.Fatalf("check words: %v", err)
	}
	for _, b := range broken {
		t.Errorf("%s: %s: a table heading breaks inside the word %s", name, media, b)
	}
}

// a4Content is the width of an A4 page less report.css's margins,
// 210 mm − 2 × 14 mm = 182 mm, in whole CSS pixels of 1/96 inch
// (182 / 25.4 × 96 = 687.9).
const a4Content = 687

// a4ContentHeight is the height of an A4 page less report.css's margins,
// 297 mm − 15 mm − 16 mm = 266 mm, in whole CSS pixels (1005.4).
const a4ContentHeight = 1005

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)
)

// openReport opens the report name at path in the tab of ctx, and fails
// the test on any problem events gathers, any missing section, any chart
// not drawn, other than figures charts, or a page wider than A4's text in
// print, or a table heading broken inside a word, on screen or in
// print. It saves a screenshot on screen and one in print, and the report
// printed to an A4 PDF, which must have two pages or more.
func openReport(t *testing.T, ctx context.Context, events *pageEvents, name, path string, figures int) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	events.take(u)
	if err := chromedp.Do(ctx,
		call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}),
		chromedp.EmulateViewport(1000, 800),
		chromedp.Navigate(u),
		chromedp.WaitReady(chromedp.CSS("#manifest")),
	); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	c, err := chromedp.Run(ctx, chromedp.Evaluate[reportCheck](checkScript))
	if err != nil {
		t.Fatalf("check %s: %v", u, err)
	}
	if len(c.Missing) > 0 {
		t.Errorf("%s: sections missing: %q", name, c.Missing)
	}
	for _, b := range c.Broken {
		t.Errorf("%s: broken: %s", name, b)
	}
	if c.Figures != figures {
		t.Errorf("%s: %d charts shown, want %d", name, c.Figures, figures)
	}
	if c.Tables < 2 {
		t.Errorf("%s: %d tables, want the headline and the manifest at least", name, c.Tables)
	}
	checkWords(t, ctx, name, "on screen")

	out := t.TempDir()
	if *reportOut != "" {
		out = filepath.Join(*reportOut, name)
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	save(t, filepath.Join(out, "report.png"), shot)

	// In print, at the width of an A4 page's text, nothing is wider than
	// the page: the tables and charts fit.
	if err := chromedp.Do(ctx,
		call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}),
		chromedp.EmulateViewport(a4Content, 1000),
	); err != nil {
		t.Fatalf("print media: %v", err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide > a4Content+1 {
		t.Errorf("%s: in print the page is %d px wide, wider than an A4 page's text (%d px)", name, wide, a4Content)
	}
	checkWords(t, ctx, name, "in print")
	// A run's and a comparison's first page holds the answer's sentences
	// and its table of standards: they end within an A4 page's height
	// less report.css's margins (the table of years may go on over).
	bottom, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
		const a = document.querySelector("#answer table.standards") || document.querySelector("#answer ul.answer");
		return a ? a.getBoundingClientRect().bottom + window.scrollY : 0;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if bottom > a4ContentHeight {
		t.Errorf("%s: in print the answer's sentences and standards end %.0f px down, past the first page's %d px", name, bottom, a4ContentHeight)
	}
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Fatalf("screenshot in print: %v", err)
	}
	save(t, filepath.Join(out, "print.png"), shot)

	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), func(p *page.PrintToPDFParams) {
		p.PreferCSSPageSize = ptrTo(true)
	}))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	save(t, filepath.Join(out, "report.pdf"), pdf)
	pages := len(pdfPage.FindAll(pdf, -1))
	if pages < 2 {
		t.Errorf("%s printed on %d pages, want two at least", name, pages)
	}
	if box := pdfMediaBox.FindSubmatch(pdf); box == nil || !a4Box(string(box[1]), string(box[2])) {
		t.Errorf("%s: the PDF's pages are not A4: %q", name, box)
	}
	for _, e := range events.take("") {
		t.Errorf("%s: %s", name, e)
	}
	t.Logf("%s: %d charts, %d tables, %d A4 pages; screenshots %s and print.png, PDF report.pdf", name, c.Figures, c.Tables, pages, filepath.Join(out, "report.png"))
}

// a4Box reports whether a PDF page w × h points is A4, 595 × 842, within
// a point or two (Chromium rounds the inches).
func a4Box(w, h string) bool {
	var x, y float64
	fmt.Sscan(w, &x)
	fmt.Sscan(h, &y)
	return x > 594 && x < 597 && y > 841 && y < 844
}

func ptrTo[T any](v T) *T { return &v }

// call is an action that sends the protocol command cmd with params.
func call[P any](cmd cdp.Command[P, cdp.Empty], params P) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, cmd, params)
		return chromedp.Void{}, err
	}
}

func save(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReportInBrowser opens the reports of a run, a comparison and two
// sweeps (one of nine points, whose headline has a row per point, and
// one of six of the baseline, with a column per point) in headless
// Chromium, as a board member would, and fails on any error
// the page reports, any request it makes (a report loads nothing), a
// missing section, a chart not drawn, a table heading broken inside a
// word or a page too wide for A4; it prints
// each to an A4 PDF and saves it with screenshots in the test's temporary
// folder, logging where.
func TestReportInBrowser(t *testing.T) {
	ctx := browser(t)
	events := &pageEvents{}
	if err := chromedp.Listen(ctx, events.add); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, call(network.Enable, network.EnableParams{})); err != nil {
		t.Fatal(err)
	}

	// PRISM over 400 days: two interventions, priced, a final year in
	// part, and every kind of run chart; the run TestPlotReproducesRun
	// re-draws (prismRun).
	run, files := sharedFiles(t, append(prismRun, "--out", "OUT", "prism")...)
	openReport(t, ctx, events, "run", filepath.Join(run, "report.html"), countSuffix(files, ".png"))

	// A priced comparison, which draws the deficit against the first,
	// and a sweep over a grid of two parameters.
	cmp := t.TempDir()
	files = runFiles(t, cmp, "compare", "--quiet", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d", "--out", cmp, "testdata/mmc-money.yaml", "testdata/report-mmc.yaml")
	openReport(t, ctx, events, "compare", filepath.Join(cmp, "report.html"), countSuffix(files, ".png"))
	sweep := t.TempDir()
	files = runFiles(t, sweep, "sweep", "--quiet", "--reps", "2", "--set", "horizon=20d", "--set", "services.ed.cubicles=9,10,11", "--set", "services.ed.treatment.mean=50min,60min,70min", "--out", sweep, "textbook-mmc")
	openReport(t, ctx, events, "sweep", filepath.Join(sweep, "report.html"), countSuffix(files, ".png"))

	// A backcast of the priced M/M/c beside made-up observations: the
	// Backcast section's table of fits and its charts.
	bc, files := sharedFiles(t, backcastMMC...)
	openReport(t, ctx, events, "backcast", filepath.Join(bc, "report.html"), countSuffix(files, ".png"))

	// A priced sweep of the baseline over a month, where many headline
	// metrics vary: six points, the most the headline table gives a
	// column each, with a row per metric.
	base := t.TempDir()
	files = runFiles(t, base, "sweep", "--quiet", "--reps", "2", "--set", "horizon=30d", "--set", "services.acute.beds=680,710,740", "--set", "services.acute.length_of_stay.mean=5d,6.5d", "--out", base, "baseline")
	openReport(t, ctx, events, "sweep-baseline", filepath.Join(base, "report.html"), countSuffix(files, ".png"))
}
