package scenarios

import (
	"caresim/sim/care"
	"caresim/sim/finance"
)

// Scenario is one scenario file: its name and run settings, the care
// system ([care.Params], whose keys sit at the top level of the file) and
// its money ([finance.Params], under money:).
type Scenario struct {
	// Name is the scenario's short name, used for output folders: one
	// folder's name, without a path separator, a leading dot or control
	// characters, at most 100 bytes.
	Name string `yaml:"name"`
	// Description is one line saying what the scenario is.
	Description string `yaml:"description"`
	// Place is where the care system is, as chart titles and reports name
	// it ("Mid-Nottinghamshire"); a scenario that extends another
	// inherits it. Without one, titles name the scenario.
	Place string `yaml:"place"`
	// Extends names the scenario this one starts from: a file (relative
	// to this one) or a built-in name. Its values are merged under this
	// file's: mappings key by key, lists of named things by name.
	Extends string `yaml:"extends"`
	// Replications is the default number of replications.
	Replications int `yaml:"replications"`
	// Seed is the default seed of the random streams.
	Seed uint64 `yaml:"seed"`

	care.Params `yaml:",inline"`

	Money finance.Params `yaml:"money"`
}
