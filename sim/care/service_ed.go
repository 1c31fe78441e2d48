package care

import "caresim/sim/des"

// svcED is the emergency department (type 1): cubicles, held from the
// start of treatment until the patient leaves, by an admitted patient
// until a bed is free (exit block). Its busy level counts every patient in
// the department, waiting for a cubicle too.
var svcED = &service{
	name:     "ed",
	key:      "ed",
	title:    "Emergency department",
	enabled:  func(p *Services) *bool { return &p.ED.Enabled },
	units:    func(p *Services) *int { return &p.ED.Cubicles },
	dists:    []serviceDist{{"treatment", func(p *Services) *des.Dist { return &p.ED.Treatment }}},
	busy:     true,
	capacity: true,
}

// svcUTC is the urgent treatment centre (type 3): clinicians.
var svcUTC = &service{
	name:    "urgent-treatment",
	key:     "urgent_treatment",
	title:   "Urgent treatment",
	enabled: func(p *Services) *bool { return &p.UrgentTreatment.Enabled },
	units:   func(p *Services) *int { return &p.UrgentTreatment.Clinicians },
	dists:   []serviceDist{{"treatment", func(p *Services) *des.Dist { return &p.UrgentTreatment.Treatment }}},
}

// svcSDEC is same-day emergency care: chairs.
var svcSDEC = &service{
	name:    "sdec",
	key:     "sdec",
	title:   "Same-day emergency care",
	enabled: func(p *Services) *bool { return &p.SDEC.Enabled },
	units:   func(p *Services) *int { return &p.SDEC.Chairs },
	dists:   []serviceDist{{"treatment", func(p *Services) *des.Dist { return &p.SDEC.Treatment }}},
}
