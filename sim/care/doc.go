// Package care is the care-system model: population cohorts, the urgent
// and elective flows through the single front door, ED, Call for Care,
// acute beds, intermediate care, care homes and community (PRISM) teams,
// and the interventions of a scenario applied over time.
//
// It owns the model's parameter types ([Params] and everything under it),
// which scenario files decode into; the parameter paths that interventions,
// --set overrides and sweeps use ([ParsePath], [Params.Numbers]); the
// checks that make a Params safe to simulate ([Params.Validate]); the
// schedule of a replication's interventions with their effects drawn
// ([NewSchedule]); and the population's cohorts and urgent arrival streams
// ([Params.Cohorts], [Params.UrgentStreams]). The simulation of the flows
// on the kernel (caresim/sim/des) is being built in the care-model issue.
//
// It knows nothing about files, flags or charts.
package care
