// Package scenarios is the scenario language: planners' units ("6d",
// "£1.2m", "15%", "2.4 per 1000 per year"), strict decoding into the
// model's own parameter types with every problem positioned
// (file:line:col: parameter: message), extends with merging by name,
// --set overrides, the checks of the model and the money, the JSON Schema
// that editors use, the built-in scenarios (Mid-Nottinghamshire's
// baseline, each Better Together intervention, and textbook queues), and
// the sweep language: --set with several values (a list, or lo:hi:step in
// the parameter's units), --range and --lhs ([ParseSweep], [SweepSpec]),
// whose points are overrides that the loader checks like any --set.
//
// [Load] is the entry point: it reads a file or a built-in name and returns
// a checked [Scenario], or an [ErrorList] holding every problem found.
package scenarios
