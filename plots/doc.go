// Package plots draws caresim's charts with gonum/plot (it is the only
// importer of gonum.org/v1/plot) and writes the board report.
//
// It is built in the charts issue; until then the package holds only this
// description.
package plots
