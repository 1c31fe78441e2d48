// Package finance turns the model's activity and capacity into money:
// unit and capacity costs, intervention costs, funding and its growth, and
// the deficit trajectory per financial year for the whole system and each
// organisation under a chosen payment rule.
//
// Today it holds the money's parameter types ([Params], the money: section
// of a scenario file) and their checks ([Params.Validate]); the arithmetic
// of costs and deficits comes with the money issue.
//
// It knows nothing about files, flags or charts.
package finance
