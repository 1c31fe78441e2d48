// Package finance turns the model's activity and capacity into money:
// unit and capacity costs, intervention costs, funding and its growth,
// payments between commissioners and providers, and the deficit trajectory
// per financial year for the whole system and each organisation.
//
// It holds the money's parameter types ([Params], the money: section of a
// scenario file) and their checks ([Params.Validate]), and the accounts
// ([Accounts]): one replication's [Activity] per financial year and the
// scenario's [Intervention] costs go in, and for each year and each body
// (the acute trust, the community provider, social care, the commissioners
// and the system, [BodyNames]) come out the lines of [Measures]: activity,
// capacity, intervention and other costs, their sum, funding, income
// (payments from other bodies), the deficit and the cumulative deficit.
//
// # Signs
//
// Deficit = Cost − Funding − Income: a gap is a positive number of pounds,
// as boards speak of "the £140m gap", and a surplus is negative. Income is
// positive for the body paid and negative for the body paying; it sums to
// zero over the organisations, so the system's accounts do not depend on
// the payment rule, which only moves the deficit between bodies.
//
// # Money of the day
//
// Amounts in [Params] are at the prices of PriceYear; the accounts are in
// cash of each year, inflated by [Inflation.Rate] a year. Demographic
// growth is not an inflation: it comes through the model's activity and
// the capacity a scenario opens.
//
// # What it does not do
//
// It does not simulate: package sim runs the care model (caresim/sim/care),
// turns each replication's annual measures into [Activity] and summarises
// the accounts across replications; this package does not import the care
// model, so its arithmetic can be checked by hand. It does not discount
// (cumulative deficits add pounds of different years), model cash timing
// within a year, or let the tariff's price lag costs (an efficiency
// factor): tariff prices are Tariff × the year's inflated unit cost. It
// knows nothing about files, flags or charts.
package finance
