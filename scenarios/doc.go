// Package scenarios is the scenario language: the YAML schema, strict
// decoding into the model's parameter types with positioned errors,
// checks, overrides (--set), and the built-in scenario files.
//
// It is built in the scenario-files issue; until then the package holds
// only this description.
package scenarios
