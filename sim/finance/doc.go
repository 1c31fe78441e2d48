// Package finance turns the model's activity and capacity into money:
// unit and capacity costs, intervention costs, funding and its growth, and
// the deficit trajectory per financial year for the whole system and each
// organisation under a chosen payment rule.
//
// It knows nothing about files, flags or charts. It is built in the money
// issue; until then the package holds only this description.
package finance
