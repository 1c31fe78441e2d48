// Package finance turns the model's activity and capacity into money:
// unit and capacity costs, intervention and fixed costs, funding and its
// growth, the payment rules between commissioners and providers, and the
// deficit trajectory per financial year for the whole system and each
// organisation, with the bridge that explains how each deficit moved.
//
// It holds the money's parameter types ([Params], the money: section of a
// scenario file) and their checks ([Params.Validate]), the accounts
// ([Accounts]): one replication's [Activity] per financial year and the
// scenario's [Intervention] costs go in, and for each year and each body
// (the acute trust, the community provider, social care, the commissioners
// and the system, [BodyNames]) come out the lines of [Measures]: activity,
// capacity, intervention, other and fixed costs, their sum, funding,
// income (payments from other bodies), the deficit and the cumulative
// deficit; and the gap bridge ([Bridge]), the steps of [Steps] by which a
// deficit moved from one year to another.
//
// # Signs
//
// Deficit = Cost − Funding − Income: a gap is a positive number of pounds,
// as boards speak of "the £140m gap", and a surplus is negative. Income is
// positive for the body paid and negative for the body paying; it sums to
// zero over the organisations, so the system's accounts do not depend on
// the payment rules, which only move the deficit between bodies (but for
// the sustainability fund, money from outside paid on conditions).
//
// # Money of the day
//
// Amounts in [Params] are at the prices of PriceYear; the accounts are in
// cash of each year. Costs rise by [Inflation.Factor]; the tariff pays at
// its own prices, which move by the tariff's cost uplift less its
// efficiency factor ([PriceChange]), not with the trust's costs; fixed
// costs rise by their own index. Demographic growth is not an inflation:
// it comes through the model's activity and the capacity a scenario
// opens, and, outside the model, through each organisation's Volume.
//
// # The rules of the era
//
// The payment rules the accounts know are those of English health and
// care from 2012/13 (docs/money-sources.md): payment by results with the
// national tariff's yearly price changes, the marginal rate for emergency
// admissions above a baseline, unpaid readmissions, A&E 4-hour fines, the
// Better Care Fund's pooled budget and its payment for performance, the
// sustainability fund with its control total, and an alliance's sharing
// of risk and reward. Each is a rule applied to the year's accounts, with
// its numbers in the scenario.
//
// # A system under pressure
//
// What a full hospital costs beyond its activity and capacity is priced
// from the care model's pressure measures, each by a rule ([Pressures]):
// escalation beds at their agency premium, the premium of bank and agency
// staff covering vacancies (Workforce), delayed bed days, theatre
// slots lost to elective bookings cancelled or postponed on the day,
// waiting-list initiatives when the list is over the 18-week standard
// ([WaitingListInitiative]), the contract's consequences (the tariff
// unpaid for a cancelled operation not rebooked within 28 days, the
// 18-week and ambulance handover fines, and the A&E fines), and social
// care's payments for the delays that are its own. They make the
// bridge's pressure step, so that beds cut in an overloaded system show
// as the costs they drive up.
//
// # What it does not do
//
// It does not simulate: package sim runs the care model (caresim/sim/care),
// turns each replication's annual measures into [Activity] and summarises
// the accounts across replications; this package does not import the care
// model, so its arithmetic can be checked by hand. Money does not feed
// back into the care model: the accounts of a replication can be
// recomputed with other money parameters from the same activity, exactly
// (a sensitivity analysis). It does not discount (cumulative deficits add
// pounds of different years), model cash timing within a year, or model a
// provider's cost improvement: the efficiency the tariff asks for is
// a gap the bridge shows, not a saving made. It knows nothing about files,
// flags or charts.
package finance
