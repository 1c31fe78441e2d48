package plots

// Chart is one figure to be saved as File plus each format's extension:
// the charts of a results folder, which caresim draws and the board report
// inlines.
type Chart struct {
	File string
	Fig  *Figure
}
