// Package care is the care-system model: population cohorts, the urgent
// and elective flows through the single front door, ED, Call for Care,
// acute beds, intermediate care, care homes and community (PRISM) teams,
// and the interventions of a scenario applied over time. It owns the
// model's parameter types and runs on the kernel in caresim/sim/des.
//
// It knows nothing about files, flags or charts. Its first flows arrive
// with the care-model issue; until then the package holds only this
// description.
package care
