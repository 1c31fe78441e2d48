// Package care is the care-system model: population cohorts, the urgent
// and elective flows through the single front door, ED, urgent treatment,
// same-day emergency care, Call for Care, acute beds, intermediate care,
// reablement, care homes and community (PRISM) teams, and the
// interventions of a scenario applied over time, simulated on the kernel
// (caresim/sim/des) one replication at a time by [Run].
//
// # Parameters
//
// It owns the model's parameter types ([Params] and everything under it),
// which scenario files decode into; the parameter paths that interventions,
// --set overrides and sweeps use ([ParsePath], [Params.Numbers]); the
// checks that make a Params safe to simulate ([Params.Validate]); the
// schedule of a replication's interventions with their effects drawn
// ([NewSchedule]); and the population's cohorts and urgent arrival streams
// ([Params.Cohorts], [Params.UrgentStreams]).
//
// # Services and measures
//
// Each capacity service (a pool of beds, caseload places, cubicles, chairs
// or clinicians) is described once, in its own file (service_acute.go,
// service_ic.go, ...), and listed in the service table (service.go). The
// description drives the service's pool, its capacity as the parameters
// change, its distributions, its levels, its beds filled at the start, its
// length-of-stay tally ([LOSPools], [Result].LOS) and its measures. Each
// measure is defined once, with its name, unit, meaning and formula,
// beside the value it reads; the tables [DailyMeasures], [AnnualMeasures]
// and [Metrics] are built from those definitions, and every output
// downstream takes names, units and meanings from them. The flows between
// services (who goes where, and what happens after a stay) are in
// flows.go.
//
// # What it is not
//
// It runs one replication: running many, in parallel, and summarising
// them is package caresim/sim's work, and pricing the activity is package
// caresim/sim/finance's. It knows nothing about files, flags or charts.
package care
