package care

import "caresim/sim/des"

// svcCallHub is Call for Care's hub: clinicians who take professionals'
// calls. A call holds a handler for its handling time; a call that finds
// every handler busy is not answered (call).
var svcCallHub = &service{
	name:     "call-for-care",
	key:      "call_for_care",
	title:    "Call for Care",
	enabled:  func(p *Services) *bool { return &p.CallForCare.Enabled },
	units:    func(p *Services) *int { return &p.CallForCare.Handlers },
	staff:    func(p *Services) *Staffing { return &p.CallForCare.Staff },
	employer: employerCommunity,
	dists:    []serviceDist{{"handling", func(p *Services) *des.Dist { return &p.CallForCare.Handling }}},
	stay:     func(p *Services) *des.Dist { return &p.CallForCare.Handling },
	slot:     slotHandling,
	end:      evCallEnd,
	admit:    "call",
	leave:    "end-call",
	busy:     true,
	capacity: true,
	measures: []measureDef{
		annual(AnnualCallForCareContacts, "call_for_care_contacts", "calls", total(entries),
			"professionals' calls Call for Care answered"),
		annual(AnnualCallForCareUnanswered, "call_for_care_unanswered", "calls", total(count(cCFCUnanswered)),
			"professionals' calls that found every Call for Care handler busy; their patients went to hospital"),
		annual(follows, "call_for_care_handlers", "handlers", yearMean(capacity),
			"Call for Care handlers on duty, mean over the year"),
		metric(follows, "call_for_care_unanswered_share", "fraction", shareOf(count(cCFCUnanswered), entries),
			"share of professionals' calls to Call for Care not answered because every handler was busy"),
		metric(follows, "call_for_care_handler_occupancy", "fraction", occupancy(busy, capacity),
			"Call for Care handlers busy over handlers on duty, time-weighted"),
	},
}
