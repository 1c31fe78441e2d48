package care

import "caresim/sim/des"

// Params is everything the model needs to simulate one care system: when,
// who lives there and how often they need care, what services there are and
// how big, and which interventions change them over time.
//
// Scenario files decode straight into Params (package caresim/scenarios):
// each field's yaml tag is its name in the file, and its unit tag says what
// a planner may type ("6d", "£395", "15%", "2.4 per 1000 per year"). The
// names joined by dots are the parameter paths that interventions, --set
// overrides and sweeps use: services.acute.beds, services.acute.length_of_stay.mean,
// population.age_bands[2].urgent.
//
// The zero value of a service is "switched off" (Enabled false), so that a
// scenario names only what it has; a model reduced to one service is a
// textbook queue.
//
// Call [Params.Validate] before simulating; the model assumes valid Params.
type Params struct {
	// Start is the first simulated day after warm-up: usually 1 April,
	// the start of a financial year.
	Start des.Date `yaml:"start"`
	// Horizon is the length of the simulated period after warm-up, in days
	// ("10y").
	Horizon des.Time `yaml:"horizon"`
	// WarmUp is simulated before Start and discarded.
	WarmUp WarmUp `yaml:"warm_up"`

	Population Population `yaml:"population"`
	Demand     Demand     `yaml:"demand"`
	Services   Services   `yaml:"services"`
	// Workforce is the services' staff in post, their leaving and
	// recruitment, and the rule that closes capacity its staff cannot
	// open (workforce.go); the staffing ratios are the services' own.
	Workforce Workforce `yaml:"workforce"`

	// Interventions change parameters from their start dates, in order.
	Interventions []Intervention `yaml:"interventions"`
}

// WarmUp says how long the model runs before Start, so that beds and
// caseloads fill to their working level before anything is counted.
type WarmUp struct {
	// Length is a fixed warm-up, in days. Ignored when Auto is true.
	Length des.Time `yaml:"length"`
	// Auto chooses the warm-up per scenario by MSER-5 on the daily mean
	// acute occupancy of a pilot run, up to Max.
	Auto bool `yaml:"auto"`
	// Max bounds the automatic warm-up, in days; zero means one year.
	Max des.Time `yaml:"max"`
}

// Population is the registered population as cohorts: every locality ×
// age band × risk stratum is one cohort, whose head count at Start is
//
//	people(l, a, r) = Localities[l].People × share(l, a) × AgeBands[a].RiskShares[r]
//
// where share(l, a) is Localities[l].AgeShares[a], or AgeBands[a].Share
// when the locality gives no shares of its own. Each age band grows by its
// own rate per year (compounded), which is how an ageing population shows:
// the oldest bands grow fastest.
type Population struct {
	Localities []Locality    `yaml:"localities"`
	AgeBands   []AgeBand     `yaml:"age_bands"`
	Risk       []RiskStratum `yaml:"risk_strata"`
}

// Locality is one place of the system (Mansfield, Ashfield, Newark,
// Sherwood): a population served by its own community teams.
type Locality struct {
	Name string `yaml:"name"`
	// People is the registered population at Start.
	People float64 `yaml:"people"`
	// AgeShares gives the share of People in each age band, in the order of
	// Population.AgeBands, summing to 1. Empty means the bands' own Share.
	AgeShares []float64 `yaml:"age_shares" unit:"fraction"`
}

// AgeBand is one age group ("0-64", "65-84", "85+") with its demand for
// care, per person. The rates are the band's mean over its risk strata; the
// strata's ratios share it out (see [RiskStratum]).
type AgeBand struct {
	Name string `yaml:"name"`
	// Share is the band's share of the population where a locality gives
	// none of its own. Shares sum to 1 over the bands.
	Share float64 `yaml:"share" unit:"fraction"`
	// Growth is the yearly growth of the band's head count, as a fraction
	// (ageing, births, deaths and migration together).
	Growth float64 `yaml:"growth" unit:"fraction"`
	// RiskShares is the share of the band in each risk stratum, in the
	// order of Population.Risk, summing to 1.
	RiskShares []float64 `yaml:"risk_shares" unit:"fraction"`

	// Urgent is urgent care demand per person: arrivals at the front door
	// by every route of Demand.Urgent.Routes together.
	Urgent float64 `yaml:"urgent" unit:"per-head"`
	// Elective is elective inpatient referrals (ordinary admissions, not
	// day cases) per person, before the referral gateway.
	Elective float64 `yaml:"elective" unit:"per-head"`
	// CareHome is permanent admissions to a care home from the community
	// per person (ASCOF 2A(2) counts all admissions, from hospital too; the
	// hospital share comes from discharge pathway 3).
	CareHome float64 `yaml:"care_home" unit:"per-head"`
	// SameDay is the need for a same-day GP appointment per person,
	// falling on weekdays (Services.PrimaryCare); read only when primary
	// care is enabled.
	SameDay float64 `yaml:"same_day" unit:"per-head"`
	// Routine is the need for a routine (not same-day) GP appointment per
	// person, falling on weekdays (Services.PrimaryCare: the routine
	// side); read only when primary care is enabled.
	Routine float64 `yaml:"routine" unit:"per-head"`
}

// RiskStratum is a risk group within each age band ("low", "moderate",
// "high"), as from a risk-profiling tool. Its ratios multiply the band's
// rates; the model rescales them within each band so that the band's mean
// rate stays as stated:
//
//	rate(a, r) = AgeBands[a].Urgent × UrgentRatio[r] / Σ_s RiskShares[a][s] × UrgentRatio[s]
type RiskStratum struct {
	Name string `yaml:"name"`
	// UrgentRatio is the stratum's urgent demand relative to the others.
	UrgentRatio float64 `yaml:"urgent_ratio"`
}

// Demand is when and by which route people come.
type Demand struct {
	Urgent UrgentDemand `yaml:"urgent"`
}

// UrgentDemand is urgent arrivals: walk-ins, ambulances, GP urgent
// referrals. Their volume is the population's (AgeBand.Urgent) plus each
// route's fixed rate; calls from care-home residents come from
// CareHomes.UrgentCalls.
type UrgentDemand struct {
	// Routes shares population demand out by route; the shares sum to 1.
	Routes []Route `yaml:"routes"`
	// HourOfWeek holds 168 relative weights, Monday 00:00–01:00 first;
	// empty means flat.
	HourOfWeek []float64 `yaml:"hour_of_week"`
	// Month holds 12 relative weights, January first (winter pressure);
	// empty means flat.
	Month []float64 `yaml:"month"`
	// Trend is yearly growth of urgent demand per person beyond
	// demography, as a fraction.
	Trend float64 `yaml:"trend" unit:"fraction"`
	// WinterSD is the spread of winter severity from year to year: each
	// financial year of each replication draws a multiplier W of the
	// winter part of Month (yeareffects.go), lognormal with mean 1 and
	// this standard deviation of its logarithm. Zero draws none: every
	// winter is as Month says.
	WinterSD float64 `yaml:"winter_sd"`
}

// Route is one way urgent patients arrive.
type Route struct {
	// Name is one of walk-in, ambulance, gp-referral.
	Name string `yaml:"name"`
	// Share is the route's share of population urgent demand.
	Share float64 `yaml:"share" unit:"fraction"`
	// PerDay is arrivals by this route on top of population demand, per
	// day: patients from outside the registered population, or a textbook
	// arrival stream when there is no population.
	PerDay float64 `yaml:"per_day" unit:"rate"`
	// Admit is the probability that a patient of this route needs
	// admission. It is decided on arrival: such patients are streamed
	// only to ED or same-day emergency care, never to urgent treatment
	// or the community.
	Admit float64 `yaml:"admit" unit:"fraction"`
	// SelfCare is the share of this route's patients who would not need
	// admission who care for themselves instead of coming (self-care
	// support and campaigns on the use of A&E); patients who need
	// admission still come.
	SelfCare float64 `yaml:"self_care" unit:"fraction"`
}

// Services are the system's services. A service whose Enabled is false is
// bypassed as each service's doc says.
type Services struct {
	FrontDoor        FrontDoor        `yaml:"front_door"`
	ED               ED               `yaml:"ed"`
	UrgentTreatment  UrgentTreatment  `yaml:"urgent_treatment"`
	SDEC             SDEC             `yaml:"sdec"`
	CallForCare      CallForCare      `yaml:"call_for_care"`
	UrgentResponse   UrgentResponse   `yaml:"urgent_community_response"`
	Acute            Acute            `yaml:"acute"`
	TransferToAssess TransferToAssess `yaml:"transfer_to_assess"`
	IntermediateCare IntermediateCare `yaml:"intermediate_care"`
	Reablement       Reablement       `yaml:"reablement"`
	CareHomes        CareHomes        `yaml:"care_homes"`
	HomeCare         HomeCare         `yaml:"home_care"`
	Community        Community        `yaml:"community"`
	Elective         Elective         `yaml:"elective"`
	Outpatients      Outpatients      `yaml:"outpatients"`
	Delays           Delays           `yaml:"delays"`
	MentalHealth     MentalHealth     `yaml:"mental_health"`
	Liaison          Liaison          `yaml:"liaison_psychiatry"`
	// Maternity, Neonatal, PaediatricAssessment and PaediatricWard are
	// the women's and children's services (service_womens.go).
	Maternity            Maternity            `yaml:"maternity"`
	Neonatal             Neonatal             `yaml:"neonatal"`
	PaediatricAssessment PaediatricAssessment `yaml:"paediatric_assessment"`
	PaediatricWard       PaediatricWard       `yaml:"paediatric_ward"`
	PrimaryCare          PrimaryCare          `yaml:"primary_care"`
	NHS111               NHS111               `yaml:"nhs_111"`
	OutOfHours           OutOfHours           `yaml:"out_of_hours"`
}

// FrontDoor is the single front door: a streaming nurse who sends each
// walk-in to ED, urgent treatment (with out-of-hours GP), same-day
// emergency care or back to the community. Switched off, every arrival
// goes to ED.
type FrontDoor struct {
	Enabled bool `yaml:"enabled"`
	// Routes are the routes streamed; others go to ED. Usually walk-in.
	Routes []string `yaml:"routes"`
	// Shares of streamed patients sent to each place; they sum to 1.
	ToED              float64 `yaml:"to_ed" unit:"fraction"`
	ToUrgentTreatment float64 `yaml:"to_urgent_treatment" unit:"fraction"`
	ToSDEC            float64 `yaml:"to_sdec" unit:"fraction"`
	ToCommunity       float64 `yaml:"to_community" unit:"fraction"`
	// ToOutOfHours is the share streamed to the out-of-hours GPs, who
	// work at the front door: while their service runs (OutOfHours) they
	// see them; when it is shut, these go to urgent treatment.
	ToOutOfHours float64 `yaml:"to_out_of_hours" unit:"fraction"`
}

// ED is the emergency department (type 1). Patients queue first come,
// first served for a cubicle and hold it through their treatment. An
// admitted patient who finds no bed free waits in the department
// (boarding, the exit block of ED crowding): in a corridor space when one
// is free, else in their cubicle. The 4-hour measure is arrival to
// departure; the 12-hour trolley wait is decision to admit to departure.
// Switched off, patients who need admission go straight to a bed and the
// rest go home.
//
// Crowding, LeftWithoutBeingSeen and Handover are the department's
// responses to crowding; each one's zero value is off.
type ED struct {
	Enabled bool `yaml:"enabled"`
	// Cubicles is the number of patients treated at once.
	Cubicles int `yaml:"cubicles"`
	// Treatment is the time from taking a cubicle to the decision to admit
	// or discharge, before any slowing by Crowding.
	Treatment des.Dist `yaml:"treatment" unit:"duration"`
	// CorridorSpaces is the trolley spaces outside the cubicles (corridors)
	// where admitted patients wait for a bed, so that their cubicles go on
	// treating; the limit of that overflow. A boarded patient beyond them
	// keeps their cubicle. 0 has no such spaces: every boarded patient
	// keeps their cubicle.
	CorridorSpaces int `yaml:"corridor_spaces"`
	// Crowding slows treatment as the department fills.
	Crowding EDCrowding `yaml:"crowding"`
	// LeftWithoutBeingSeen is the patients who leave when kept waiting for
	// a cubicle.
	LeftWithoutBeingSeen LeftWithoutBeingSeen `yaml:"left_without_being_seen"`
	// Handover is the handover of patients brought by ambulance.
	Handover Handover `yaml:"handover"`
	// Staff is the staff needed per cubicle, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// EDCrowding slows treatment in the emergency department as it fills. A
// treatment's time, drawn from ED.Treatment, is multiplied by the crowding
// factor of the department's occupancy when it starts: the patients in
// the department (waiting for a cubicle, in one, or waiting for a bed,
// this patient included) over its cubicles, the ED occupancy ratio. The
// factor is 1 up to From, rises in a straight line to Factor at To, and
// stays at Factor above To:
//
//	factor(x) = 1 + (Factor − 1) · min(1, max(0, x − From) / (To − From))
//
// Its zero value (Factor 0) slows nothing; so does Factor 1.
type EDCrowding struct {
	// From is the occupancy up to which treatment takes its own time.
	From float64 `yaml:"from" unit:"fraction"`
	// To is the occupancy from which treatment takes Factor times its
	// own time; above From.
	To float64 `yaml:"to" unit:"fraction"`
	// Factor is the factor at To and above: 1.08 makes treatment 8%
	// longer. Below 1 it would speed treatment up.
	Factor float64 `yaml:"factor" unit:"factor"`
}

// LeftWithoutBeingSeen is the patients who leave the emergency department
// when kept waiting for a cubicle. Of the patients of Routes who do not
// need admission (patients who need admission stay), the share Share
// would leave if kept waiting long enough, each after a patience drawn
// from Patience from arrival; the rest wait however long it takes. A
// patient who leaves is a departure from A&E at that moment, counted in
// the 4-hour measure as the standard counts them. Its zero value (Share
// 0) has nobody leave.
type LeftWithoutBeingSeen struct {
	// Routes are the routes whose patients may leave: walk-in.
	Routes []string `yaml:"routes"`
	// Share is the share of those patients who leave if kept waiting long
	// enough.
	Share float64 `yaml:"share" unit:"fraction"`
	// Patience is the time from arrival after which such a patient still
	// waiting to be seen leaves.
	Patience des.Dist `yaml:"patience" unit:"duration"`
	// ToClinician is the time from getting a cubicle to being seen by a
	// clinician, the first part of the treatment (at most all of it),
	// during which such a patient's patience still runs: one whose
	// patience ends first leaves unseen from the cubicle. Unset (the zero
	// Dist), a patient is seen on getting a cubicle.
	ToClinician des.Dist `yaml:"to_clinician" unit:"duration"`
	// PerWaiting is the wait that each patient already waiting for a
	// cubicle when a patient arrives adds to that patient's sense of the
	// wait: their patience runs out PerWaiting sooner per patient ahead of
	// them, at the soonest on arrival. 0 is none: patience does not depend
	// on the waiting room.
	PerWaiting des.Time `yaml:"per_waiting" unit:"duration"`
}

// Handover is the handover of patients brought by ambulance: the crew
// hands its patient over to the department when a cubicle is free for
// them, and waits with the patient until then. The handover time is from
// arrival to that moment; the national standard is 15 minutes, and
// handovers over 30 and over 60 minutes, and the ambulance hours lost
// beyond 15 minutes, are counted. Its zero value (no Routes) measures no
// handovers.
type Handover struct {
	// Routes are the routes whose patients arrive by ambulance.
	Routes []string `yaml:"routes"`
	// First takes patients brought by ambulance into a cubicle before
	// patients who came by other routes, first come, first served within
	// each; false serves everyone first come, first served.
	First bool `yaml:"first"`
}

// UrgentTreatment is the urgent treatment centre with out-of-hours GP
// (type 3): clinicians who see streamed patients, none admitted. Switched
// off, its patients go to ED.
type UrgentTreatment struct {
	Enabled    bool     `yaml:"enabled"`
	Clinicians int      `yaml:"clinicians"`
	Treatment  des.Dist `yaml:"treatment" unit:"duration"`
	// Staff is the staff needed per clinician, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// SDEC is same-day emergency care: chairs for patients who would otherwise
// be admitted, most going home the same day. Switched off, its patients go
// to ED.
type SDEC struct {
	Enabled   bool     `yaml:"enabled"`
	Chairs    int      `yaml:"chairs"`
	Treatment des.Dist `yaml:"treatment" unit:"duration"`
	// Admit is the share admitted to an acute bed after SDEC.
	Admit float64 `yaml:"admit" unit:"fraction"`
	// Staff is the staff needed per chair, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// CallForCare is Call for Care, the single number professionals ring
// before sending a patient to hospital ("111 for professionals"): a hub of
// Handlers who take calls for the Calls share of referrals by its Routes,
// each call holding a handler for a Handling time before the patient goes
// on. A call that finds every handler busy is not answered, and the
// patient goes to hospital as without the hub. Of the answered calls for
// patients who would be admitted, the Suitable share is navigated to an
// urgent community response or a step-up intermediate-care bed (StepUp
// says which is offered first) when either has room; the rest, and those
// for whom neither has room, go to hospital after the call.
type CallForCare struct {
	Enabled bool `yaml:"enabled"`
	// Routes navigated: gp-referral, ambulance, care-home.
	Routes []string `yaml:"routes"`
	// Calls is the share of referrals by Routes whose professional rings
	// the hub before sending the patient.
	Calls float64 `yaml:"calls" unit:"fraction"`
	// Handlers is the clinicians taking calls at once (on duty).
	Handlers int `yaml:"handlers"`
	// Handling is the length of a call, in days.
	Handling des.Dist `yaml:"handling" unit:"duration"`
	// Suitable is the share of answered calls for patients who would be
	// admitted who could be cared for out of hospital.
	Suitable float64 `yaml:"suitable" unit:"fraction"`
	// StepUp is the share of navigated patients offered a step-up bed
	// first; the rest are offered the urgent community response first.
	StepUp float64 `yaml:"step_up" unit:"fraction"`
	// Staff is the staff needed per handler, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// UrgentResponse is the urgent community response: community nurses and
// therapists who reach a person at home (or in their care home) within
// hours and care for them there for a short episode, here for patients
// Call for Care navigates. Places is the episodes the teams hold at once;
// an episode lasts Duration and ends with the person staying at home,
// or, for the Admit share, with an emergency admission after all.
type UrgentResponse struct {
	Enabled bool `yaml:"enabled"`
	// Places is the episodes in progress at once, over all localities.
	Places int `yaml:"places"`
	// Duration is an episode's length, in days.
	Duration des.Dist `yaml:"duration" unit:"duration"`
	// Admit is the share of episodes that end in an emergency admission
	// (the person's condition was not managed at home).
	Admit float64 `yaml:"admit" unit:"fraction"`
	// Staff is the staff needed per place, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// Acute is the general and acute beds. Emergency patients take a free bed
// before elective ones. A patient stays for a clinical length of stay,
// then (for pathways 1–3) waits for an assessment, then for room on their
// pathway; both waits are in the acute bed and count as delayed.
type Acute struct {
	Enabled bool `yaml:"enabled"`
	// Beds is the staffed beds.
	Beds int `yaml:"beds"`
	// Divert, when true, sends an emergency admission that finds no free
	// bed elsewhere (a loss system) instead of letting it wait.
	Divert bool `yaml:"divert"`
	// LengthOfStay is the emergency clinical stay until medically fit, in
	// days.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// Assessment is the wait from medically fit to ready to leave for
	// patients of pathways 1–3 (assessment for care), in days. Zero means
	// none.
	Assessment des.Dist `yaml:"assessment" unit:"duration"`
	// Pathways shares discharges out.
	Pathways Pathways `yaml:"pathways"`
	// Readmit is the probability that a patient discharged alive is
	// readmitted as an emergency within 30 days (uniformly over them).
	Readmit float64 `yaml:"readmit" unit:"fraction"`
	// Occupied is the beds occupied at the start of warm-up: patients
	// already in, each with its remaining stay drawn given time spent.
	Occupied int `yaml:"occupied"`
	// Management is the trust's bed-management rule: beds of Beds closed
	// while occupancy stays low, and escalation beds opened while it runs
	// high. Its zero value manages nothing: the beds open are Beds.
	Management BedManagement `yaml:"management"`
	// Discharge is when patients who may leave an acute bed leave it, and
	// how long the bed then takes to be ready. Its zero value is leaving
	// at once to a bed ready at once.
	Discharge Discharge `yaml:"discharge"`
	// EarlyDischarge shortens emergency stays when the general beds are
	// full, and raises the readmissions of the patients it sends home
	// early. Its zero value shortens nothing.
	EarlyDischarge EarlyDischarge `yaml:"early_discharge"`
	// Staff is the staff needed per planned bed, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// EarlyDischarge is discharge under pressure (earlydischarge.go): an
// emergency patient admitted when the general acute beds are full has a
// shorter clinical stay, and if they go home a higher chance of coming
// back within 30 days. With x the occupancy of the general beds at the
// admission, as the bed-management rule reads it (patients in them and
// emergency patients waiting for one, over the beds open), the pressure
//
//	r(x) = min(1, max(0, x − From) / (To − From))
//
// is 0 up to From and rises in a straight line to 1 at To. The clinical
// stay drawn from Acute.LengthOfStay is multiplied by 1 − (1 − Stay)·r,
// and the patient's 30-day readmission probability, if they go home, by
// 1 + (Readmit − 1)·r. Its zero value (Stay 0) shortens nothing; so does
// Stay 1.
type EarlyDischarge struct {
	// From is the occupancy up to which stays take their own time.
	From float64 `yaml:"from" unit:"fraction"`
	// To is the occupancy from which stays are shortest; above From.
	To float64 `yaml:"to" unit:"fraction"`
	// Stay is the factor on the clinical stay at To and above: 0.95
	// makes it 5% shorter. At most 1.
	Stay float64 `yaml:"stay" unit:"factor"`
	// Readmit is the factor on the 30-day readmission probability
	// (Acute.Readmit) of a patient admitted at To and above who goes
	// home: 1.1 makes it 10% higher. 0 is 1: no more readmissions.
	Readmit float64 `yaml:"readmit" unit:"factor"`
}

// Discharge is a bed service's discharge timing (discharge.go): patients
// who may leave (medically fit and going home, or with a place granted
// downstream) leave at their hour of the day, fewer at weekends, and the
// bed they leave is not ready for the next patient until Turnaround has
// passed. Patients who die leave at once; the bed still needs its
// turnaround.
//
// Each patient draws an hour from Hours (uniform within it): they leave at
// the first time at that hour from the moment they may leave; when that
// falls on a Saturday or a Sunday, the WeekendDeferred share of them stays
// to the next day, at the same hour, and so on to Monday. Empty Hours is
// leaving at once (and WeekendDeferred must be 0).
type Discharge struct {
	// Hours holds 24 relative weights of the hour of the day patients
	// leave, 00:00–01:00 first; empty means at once.
	Hours []float64 `yaml:"hours"`
	// WeekendDeferred is the chance that a patient due to leave on a
	// Saturday or a Sunday does not, and waits for the next day; 0 is a
	// weekend like a weekday.
	WeekendDeferred float64 `yaml:"weekend_deferred" unit:"fraction"`
	// Turnaround is the time a bed stays out of use after its patient
	// leaves (cleaned and made up for the next), in days; 0 is ready at
	// once.
	Turnaround des.Time `yaml:"turnaround" unit:"duration"`
}

// BedManagement is the rule by which the trust manages its acute bed base,
// stated as a board would state it, so that the beds open follow the
// occupancy the flows produce instead of a number sized beforehand. Each
// day at Meeting the bed meeting applies Escalation, and every Close.Every
// days it also reviews the base by Close.
//
// Acute.Beds, as the interventions schedule it, is the planned base. The
// rule closes beds of it and opens escalation beds on top of it:
//
//	beds open = planned − closed + escalation
//
// Occupancy, as the rule reads it, is the patients in acute beds plus the
// emergency patients waiting for one, over the beds open. A bed the rule
// closes (or an intervention cuts) while a patient is in it stays open
// until that patient leaves: nobody is moved, and the bed counts as open,
// and costs, until then. When the rule is switched off (Close.Step or
// Escalation.Limit back to 0) its closed beds reopen and its escalation
// beds close as they empty; when the planned base falls, closed beds
// reopen as needed to keep Close.Floor.
type BedManagement struct {
	// Meeting is the time of day of the daily bed meeting, from
	// midnight ("8h"); below one day.
	Meeting    des.Time      `yaml:"meeting"`
	Close      BedClosing    `yaml:"close"`
	Escalation BedEscalation `yaml:"escalation"`
}

// BedClosing closes beds of the planned base that occupancy shows are not
// needed, and reopens them when it shows they are. At a review, with the
// occupancy of the Window days before the review's day:
//
//   - below Below, with no escalation bed open: close Step beds, never
//     leaving fewer than Floor beds of the planned base open;
//   - above Above: reopen Step of the closed beds, if any.
//
// After a closure or a reopening the rule acts again only when a whole
// Window has passed from that day, so that each decision reads occupancy
// at the bed base the last one left. Step 0 closes nothing: the rule is
// off, and its other parameters must be left at 0.
type BedClosing struct {
	// Step is the beds closed, or reopened, at one review.
	Step int `yaml:"step"`
	// Every is the time between reviews, a whole number of days ("1w"):
	// reviews fall on the days Every apart counted from Start.
	Every des.Time `yaml:"every"`
	// Window is the days of occupancy a review reads, a whole number of
	// days ("4w").
	Window des.Time `yaml:"window"`
	// Below is the occupancy under which beds are closed.
	Below float64 `yaml:"below" unit:"fraction"`
	// Above is the occupancy over which closed beds are reopened; above
	// Below.
	Above float64 `yaml:"above" unit:"fraction"`
	// Floor is the fewest beds of the planned base the rule leaves open;
	// at most Acute.Beds.
	Floor int `yaml:"floor"`
}

// BedEscalation opens escalation beds, staffed at a premium (agency and
// bank staff; money.capacity_costs.escalation_bed_day), when the hospital
// runs full, and closes them when it no longer does. At each daily bed
// meeting, with the occupancy at that moment:
//
//   - above Above: open Step escalation beds, never more than Limit open;
//   - below Below: close Step of them.
//
// Limit 0 opens none: escalation is off, and its other parameters must be
// left at 0.
type BedEscalation struct {
	// Limit is the most escalation beds open at once.
	Limit int `yaml:"limit"`
	// Step is the escalation beds opened, or closed, at one meeting.
	Step int `yaml:"step"`
	// Above is the occupancy over which escalation beds are opened; it may
	// pass 100% when patients wait for a bed.
	Above float64 `yaml:"above" unit:"fraction"`
	// Below is the occupancy under which they are closed; below Above.
	Below float64 `yaml:"below" unit:"fraction"`
}

// Pathways is the discharge mix: shares summing to 1.
type Pathways struct {
	Home       float64 `yaml:"home" unit:"fraction"`       // pathway 0: home, no new support
	Reablement float64 `yaml:"reablement" unit:"fraction"` // pathway 1: home with reablement
	Bed        float64 `yaml:"bed" unit:"fraction"`        // pathway 2: an intermediate-care bed
	CareHome   float64 `yaml:"care_home" unit:"fraction"`  // pathway 3: a care home
	Died       float64 `yaml:"died" unit:"fraction"`       // died in hospital
}

// TransferToAssess moves assessment out of hospital: patients of pathways
// 1–3 leave when medically fit, with no assessment wait in the acute bed,
// and part of pathway 3 is found to need less once assessed at home.
type TransferToAssess struct {
	Enabled bool `yaml:"enabled"`
	// CareHomeToReablement and CareHomeToBed are the shares of pathway 3
	// that become pathway 1 and pathway 2.
	CareHomeToReablement float64 `yaml:"care_home_to_reablement" unit:"fraction"`
	CareHomeToBed        float64 `yaml:"care_home_to_bed" unit:"fraction"`
}

// IntermediateCare is one pool of intermediate-care beds for step-down
// (pathway 2 from acute) and step-up (from the community, through Call for
// Care) patients. Switched off, pathway 2 becomes pathway 3.
type IntermediateCare struct {
	Enabled bool `yaml:"enabled"`
	Beds    int  `yaml:"beds"`
	// LengthOfStay is in days.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	Outcomes     Outcomes `yaml:"outcomes"`
	// Occupied is the beds occupied at the start of warm-up.
	Occupied int `yaml:"occupied"`
	// Discharge is when patients going home or to a care home leave an
	// intermediate-care bed, and the bed's turnaround, as for acute beds.
	Discharge Discharge `yaml:"discharge"`
	// Staff is the staff needed per bed, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// Reablement is reablement at home (pathway 1): a caseload of packages.
// Switched off, pathway 1 goes home without one.
type Reablement struct {
	Enabled bool `yaml:"enabled"`
	// Caseload is the packages delivered at once.
	Caseload int `yaml:"caseload"`
	// Duration is a package's length, in days.
	Duration des.Dist `yaml:"duration" unit:"duration"`
	Outcomes Outcomes `yaml:"outcomes"`
	// Staff is the staff needed per caseload place, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// Outcomes is where intermediate care ends: shares summing to 1.
type Outcomes struct {
	Home     float64 `yaml:"home" unit:"fraction"`
	CareHome float64 `yaml:"care_home" unit:"fraction"`
	Readmit  float64 `yaml:"readmit" unit:"fraction"` // back to an acute bed as an emergency
	Died     float64 `yaml:"died" unit:"fraction"`
}

// CareHomes is the care-home beds (residential and nursing together). A
// stay ends in death. Patients waiting for a place keep their acute or
// intermediate-care bed; people from the community wait at home.
type CareHomes struct {
	Enabled bool `yaml:"enabled"`
	Beds    int  `yaml:"beds"`
	// LengthOfStay is a resident's stay until death, in days.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// UrgentCalls is urgent calls per resident, arriving by the care-home
	// route (ambulance to ED unless Call for Care navigates them).
	UrgentCalls float64 `yaml:"urgent_calls" unit:"per-head"`
	// Admit is the probability that a care-home call needs admission.
	Admit float64 `yaml:"admit" unit:"fraction"`
	// Occupied is the beds occupied at the start of warm-up.
	Occupied int `yaml:"occupied"`
	// Staff is the staff needed per bed, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// Community is the integrated community teams (PRISM): a caseload of
// people case-found for the risk strata named in Enrol while there is
// room. The case-finding tool is right for the PPV share of the people it
// finds; the rest are from the other strata. While enrolled, a person's
// urgent demand is multiplied by EarlyRatio for the first EarlyPeriod of
// the enrolment and by UrgentRatio after it, and their admission
// probability by 1 − AdmitReduction.
type Community struct {
	Enabled bool `yaml:"enabled"`
	// Caseload is the people the teams hold at once, over all localities.
	Caseload int `yaml:"caseload"`
	// Enrol names the risk strata case-found for the caseload.
	Enrol []string `yaml:"enrol"`
	// Referrals is case-finding per person of those strata.
	Referrals float64 `yaml:"referrals" unit:"per-head"`
	// PPV is the case-finding tool's positive predictive value: the share
	// of the people it finds who are in the strata named in Enrol. The
	// rest were flagged by a passing rise in their use: they are drawn
	// from the other strata of the same locality and age band, in
	// proportion to those strata's urgent demand, and once enrolled come
	// at their own stratum's rate (regression to the mean).
	PPV float64 `yaml:"ppv" unit:"fraction"`
	// Duration is an enrolment's length, in days.
	Duration des.Dist `yaml:"duration" unit:"duration"`
	// UrgentRatio is an enrolled person's urgent demand relative to what
	// it would be (0.8 is 20% fewer).
	UrgentRatio float64 `yaml:"urgent_ratio"`
	// EarlyRatio is an enrolled person's urgent demand relative to what it
	// would be in the first EarlyPeriod of an enrolment: above 1 for the
	// short-term rise in activity as proactive care finds unmet need.
	// Read only when EarlyPeriod is above zero.
	EarlyRatio float64 `yaml:"early_ratio"`
	// EarlyPeriod is the length of that first part of an enrolment, in
	// days; zero for none.
	EarlyPeriod des.Time `yaml:"early_period"`
	// AdmitReduction is how much less often an enrolled person who still
	// arrives needs admission, as a share of their route's admission
	// probability (0.1 is 10% fewer; zero, no change): case management
	// that keeps people out of hospital when they do come.
	AdmitReduction float64 `yaml:"admit_reduction" unit:"fraction"`
	// Staff is the staff needed per caseload place, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// Elective is planned inpatient care. Referrals (AgeBand.Elective) pass
// the referral gateway and join the waiting list, where the
// referral-to-treatment (RTT) clock starts. After the Decision time the
// patient is ready for admission and waits in list order (on-the-day
// cancellations first, then postponements, then everyone else, each first
// come, first served) for a place in the weekday elective programme,
// which books Programme admissions a day Notice ahead. On a programme
// day whose morning occupancy is above PostponeAbove the day's admissions
// are postponed; a patient who comes and finds no free bed is cancelled
// on the day. Either way the patient goes back to the head of the list.
// RingFenced of the acute beds are kept for elective patients: a booked
// patient takes a free ring-fenced bed first, whatever the occupancy, and
// only those who find none are subject to PostponeAbove and need a
// general bed. The waiting list is described in waitlist.go and
// docs/model.md.
type Elective struct {
	Enabled bool `yaml:"enabled"`
	// Gateway is the share of referrals turned into advice and guidance.
	Gateway float64 `yaml:"gateway" unit:"fraction"`
	// Decision is the time from referral to the decision to admit
	// (outpatient appointments and diagnostics), in days, after which the
	// patient waits to be booked. The RTT clock runs through it.
	Decision des.Dist `yaml:"decision" unit:"duration"`
	// LengthOfStay is in days; elective patients go home (pathway 0).
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// Programme is the elective admissions booked for each weekday
	// (Monday to Friday, at 08:00): the programme's capacity.
	Programme int `yaml:"programme"`
	// Notice is how far ahead each programme day is booked, a whole
	// number of days: a weekday's booking fills the programme day Notice
	// later (or the first weekday after it).
	Notice des.Time `yaml:"notice"`
	// PostponeAbove is the acute occupancy (patients in acute beds and
	// emergency patients waiting for one, over the beds open) at 08:00 on
	// a programme day above which that day's admissions are postponed; it
	// may pass 100%. Zero never postpones.
	PostponeAbove float64 `yaml:"postpone_above" unit:"fraction"`
	// RingFenced is the acute beds (of Acute.Beds, not added to them)
	// kept for elective patients, an elective ward that emergency
	// patients never use, empty or not: the programme's patients take
	// them first, whatever the occupancy of the general beds. The rest,
	// the general beds, take emergency patients and the electives who
	// find no ring-fenced bed free. At most Acute.Beds; zero keeps none.
	RingFenced int `yaml:"ring_fenced"`
}

// Intervention is a change to the system from a date: each Change moves a
// parameter linearly from its value before Start (plus the change's Lag)
// to its new value over Ramp and, when the intervention has an End, back
// over RampDown to the value it would have had without the intervention.
// Its costs are counted by package finance.
type Intervention struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Basis says where the effect sizes come from.
	Basis string `yaml:"basis"`
	// Start is the first day the intervention is in place.
	Start des.Date `yaml:"start"`
	// Ramp is how long each change takes to reach its full effect, from
	// Start (plus the change's Lag), in days; zero is at once.
	Ramp    des.Time `yaml:"ramp"`
	Changes []Change `yaml:"changes"`
	// End, if given, is the last day the intervention is in place ("a
	// winter ward from 2015-11-01 to 2016-03-31"): its changes are
	// withdrawn by the end of that day and its recurrent cost stops. The
	// zero Date, when the key is left out, means that it never ends.
	End des.Date `yaml:"end"`
	// RampDown is how long before the end of End the changes start to be
	// withdrawn, moving linearly back to the values they would have
	// without the intervention, in days; zero withdraws them at once.
	RampDown des.Time `yaml:"ramp_down"`
	// Setup is the one-off cost, spent in the year of Start.
	Setup float64 `yaml:"setup" unit:"money"`
	// Recurrent is the cost per year from Start to End, pro rata by day,
	// at the price year of the money section: in full during the ramps,
	// the lags and the ramp down, as the staff are paid while effects
	// build up and wind down.
	Recurrent float64 `yaml:"recurrent" unit:"money"`
	// Payer is the organisation that pays, by name.
	Payer string `yaml:"payer"`
}

// Change is one parameter change: exactly one of To, Scale and Add.
// To and Add are in the unit of the parameter at Path (a duration there
// may be negative: "add: -0.5d"); Scale is a factor ("0.85" or "85%").
// What is checked is the parameter each makes, not the step.
type Change struct {
	// Path names a number parameter, as services.acute.beds or
	// population.age_bands[*].urgent ([*] is every element; quote such a
	// path inside a {...} mapping, where YAML reads [ and ] as a list).
	// Parameters the model reads only when a run starts (its dates and
	// warm-up, the population's make-up and growth, urgent demand's trend
	// and profiles, the beds occupied at the start, the interventions
	// themselves) cannot change from a date and are refused with the
	// reason.
	Path  string  `yaml:"path"`
	To    *Effect `yaml:"to" unit:"@path"`
	Scale *Effect `yaml:"scale" unit:"factor"`
	Add   *Effect `yaml:"add" unit:"@path"`
	// Lag, if given, is how long after the intervention's Start the
	// change begins its ramp, in days: for effects that evaluations find
	// emerging over years while the service (and its cost) is in place
	// from Start. A range ({low: 1y, central: 2y, high: 4y}) is drawn once
	// per replication from the triangular distribution, as effects are.
	// The withdrawal at End is not delayed.
	Lag *Effect `yaml:"lag" unit:"duration"`
}

// Effect is an effect size with its uncertainty: a central value and a
// range, drawn once per replication from the triangular distribution on
// (Low, Central, High). Written as one number, or as {low, central, high}.
//
// Low, Central and High are in the unit of the change's parameter for to
// and add ("to: {low: 10%, central: 15%, high: 20%}", "add: {low: -1d,
// central: -0.5d, high: 0d}"), factors for scale ("scale: 50%"), and
// durations for a lag ("lag: {low: 1y, central: 2y, high: 4y}").
type Effect struct {
	Low     float64 `yaml:"low" unit:"@"`
	Central float64 `yaml:"central" unit:"@"`
	High    float64 `yaml:"high" unit:"@"`
}
