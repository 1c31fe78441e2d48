package scenarios

import (
	"fmt"
	"io/fs"
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
)

func TestFindRange(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		comment, want string
		ok            bool
	}{
		{"# assumption (range 0.3–0.7): of older people", "0.3–0.7", true},
		{"# assumption (range 10–30 min): a clinician's call", "10–30 min", true},
		{"# Range 1-2", "1-2", true},
		{"# range £274–£450 (assumption, below); per bed", "£274–£450", true},
		{"# assumption (range 600–770, ref §2.7)", "600–770", true},
		{"# ref §2.5 (range 1–2%): growth", "1–2%", true},
		{"# range  -5–5; signed", "-5–5", true},
		{"# a first range x, then (range 3–4)", "3–4", true},
		{"# within its range (go test prints it)", "", false},
		{"# ranges 1–2", "", false},
		{"# arrange 1–2", "", false},
		{"# range1–2", "", false},
		{"# no range here", "", false},
		{"# range", "", false},
		{"", "", false},
	} {
		got, ok := findRange(c.comment)
		if got != c.want || ok != c.ok {
			t.Errorf("findRange(%q) = %q, %v; want %q, %v", c.comment, got, ok, c.want, c.ok)
		}
	}
}

// TestParseDocRange checks the ends of ranges by hand, in the model's
// units: days, pounds, fractions, per day and per person per day.
func TestParseDocRange(t *testing.T) {
	t.Parallel()
	month := float64(des.Year) / 12
	for _, c := range []struct {
		text, unit, value string
		lo, hi            float64
		err               string // a part of the error; "" for none
	}{
		{"0.3–0.7", "fraction", "0.5", 0.3, 0.7, ""},
		{"5–20%", "fraction", "0.1", 0.05, 0.2, ""},      // the low end takes the high end's %
		{"5–20", "fraction", "10%", 0.05, 0.2, ""},       // both take the value's %
		{"0.05–20%", "fraction", "0.1", 0.0005, 0.2, ""}, // a bare end takes the other's %, even 0.05
		{"£25k–£50k", "money", "£35k", 25e3, 50e3, ""},   // both written
		{"25–50k", "money", "£35k", 25e3, 50e3, ""},      // 25 takes the k
		{"10–30 min", "duration", "", 10.0 / 1440, 30.0 / 1440, ""},
		{"1–6", "duration", "3mo", month, 6 * month, ""}, // months, as the value
		{"1–6 mo", "duration", "3mo", month, 6 * month, ""},
		{"1-2d", "duration", "36h", 1, 2, ""},
		{"1.0-1.3", "", "1.15", 1, 1.3, ""},
		{"600 – 770", "", "690", 600, 770, ""},
		{"1e-3-2e-3", "", "", 0.001, 0.002, ""},
		{"-5–5%", "fraction", "", -0.05, 0.05, ""},
		{"-5-5", "", "", -5, 5, ""},
		{"−5–−3", "rate", "", -5, -3, ""}, // minus signs, per day
		{"300–360", "per-head", "330 per 1000 per year", 0.3 / float64(des.Year), 0.36 / float64(des.Year), ""},
		{"8–2", "", "4", 0, 0, "the low end, 8, is above the high end, 2"},
		{"1–x", "", "", 0, 0, "high end"},
		{"5", "", "", 0, 0, "want two ends"},
		{"5–", "", "", 0, 0, "want two ends"},
		{" – 5", "", "", 0, 0, "want two ends"},
		{"1–6", "duration", "3", 0, 0, "has no unit"},
		{"1d–2", "rate", "", 0, 0, "low end"},
	} {
		lo, hi, err := parseDocRange(c.text, c.unit, c.value)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("parseDocRange(%q, %q, %q): error %v, want one with %q", c.text, c.unit, c.value, err, c.err)
			}
		case err != nil:
			t.Errorf("parseDocRange(%q, %q, %q): %v", c.text, c.unit, c.value, err)
		case math.Abs(lo-c.lo) > 1e-15*math.Abs(c.lo) || math.Abs(hi-c.hi) > 1e-15*math.Abs(c.hi):
			t.Errorf("parseDocRange(%q, %q, %q) = %v, %v; want %v, %v", c.text, c.unit, c.value, lo, hi, c.lo, c.hi)
		}
	}
}

// TestLoadRanges checks which range applies and where the warnings go: a
// base file's range applies to a value an extending file or an override
// sets, the nearest file's range wins, an override's comment documents
// nothing, a parameter no longer set is not checked, and a value far
// outside its range is told of once, where it is set, not again at an
// intervention that moves it further. beds 300–500
// has w = 200, so far above 700; 400–500 has w = 100, far above 600.
func TestLoadRanges(t *testing.T) {
	t.Parallel()
	const base = "name: small\nstart: 2014-04-01\nhorizon: 2y\nservices:\n  acute:\n    enabled: true\n" +
		"    beds: 400  # assumption (range 300–500)\n" +
		"    length_of_stay: {kind: exponential, mean: 5d}\n    pathways: {home: 1}\n"
	files := map[string]string{
		"base.yaml":  base,
		"over.yaml":  "extends: base.yaml\nname: over\nservices:\n  acute:\n    beds: 450  # (range 400–500)\n",
		"plain.yaml": "extends: base.yaml\nname: plain\nservices:\n  acute:\n    beds: 800\n",
		"grow.yaml": "extends: base.yaml\nname: grow\ninterventions:\n  - name: grow\n    start: 2015-04-01\n" +
			"    changes:\n      - {path: services.acute.beds, add: {low: 0, central: 100, high: 400}}\n",
	}
	read := func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
	for _, c := range []struct {
		name, ref string
		sets      []string
		want      []string // the warnings' starts
	}{
		{"inside", "base.yaml", nil, nil},
		{"just outside", "base.yaml", []string{"services.acute.beds=700"}, nil},
		{"far, by --set", "base.yaml", []string{"services.acute.beds=701"},
			[]string{"--set:1:21: services.acute.beds: 701 is far outside the range 300–500 documented at base.yaml:7: more than the range's width beyond it, outside 100 to 700"}},
		{"far below", "base.yaml", []string{"services.acute.beds=99"}, []string{"--set:1:21: services.acute.beds: 99 is far outside"}},
		{"far, by an extending file", "plain.yaml", nil,
			[]string{"plain.yaml:5:11: services.acute.beds: 800 is far outside the range 300–500 documented at base.yaml:7"}},
		{"the nearest file's range", "over.yaml", []string{"services.acute.beds=650"},
			[]string{"--set:1:21: services.acute.beds: 650 is far outside the range 400–500 documented at over.yaml:5"}},
		{"an override's comment documents nothing", "base.yaml", []string{"services.acute.beds=650  # (range 1–2)"}, nil},
		{"not set, its mapping replaced", "base.yaml", []string{"services.acute={enabled: false}"}, nil},
		{"an intervention, at its high end", "grow.yaml", nil,
			[]string{"grow.yaml:7:42: interventions.grow.changes[0].add: takes services.acute.beds to 800 from 2015-04-01, with the effects at the high ends of their ranges: far outside the range 300–500"}},
		{"told once, where set", "grow.yaml", []string{"services.acute.beds=750"}, []string{"--set:1:21: services.acute.beds: 750 is far outside"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l, err := Load(c.ref, Options{Sets: c.sets, ReadFile: read})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Warnings) != len(c.want) {
				t.Fatalf("warnings %q, want %d", l.Warnings, len(c.want))
			}
			for i, w := range l.Warnings {
				if !strings.HasPrefix(w.Error(), c.want[i]) {
					t.Errorf("warning %q, want one starting %q", w, c.want[i])
				}
			}
		})
	}
}

// TestBaselineRanges checks the ranges the baseline documents, as the
// loader reads them from its comments, and that each is read in its
// parameter's units: an override far outside each warns at that
// parameter. services.community.ppv is not overridden, as no share is
// far outside 0.3–0.7 (w = 0.4, so outside -0.1 to 1.1).
func TestBaselineRanges(t *testing.T) {
	t.Parallel()
	src, _ := BuiltinSource("baseline")
	var l loader
	var errs ErrorList
	l.collectRanges(parse("baseline", src, &errs).Content[0], "builtin:baseline", "", 0)
	want := map[string]string{
		"population.age_bands[85+].growth":                      "2.5–3.5%",
		"services.call_for_care.handling":                       "10–30 min",
		"services.call_for_care.handlers":                       "2–5",
		"demand.urgent.routes[ambulance].admit":                 "0.4–0.6",
		"demand.urgent.routes[gp-referral].admit":               "0.5–0.8",
		"services.care_homes.admit":                             "0.4–0.75",
		"services.community.urgent_ratio":                       "0.85–1.0",
		"services.call_for_care.step_up":                        "0.25–0.75",
		"services.urgent_community_response.admit":              "10–40%",
		"services.acute.beds":                                   "600–770",
		"services.community.ppv":                                "0.3–0.7",
		"services.community.early_ratio":                        "1.0–1.3",
		"services.community.early_period":                       "1–6 mo",
		"money.inflation.non_demographic":                       "1–2%",
		"money.capacity_costs.urgent_community_response_place":  "£25k–£50k",
		"money.capacity_costs.escalation_bed_day":               "£274–£450",
		"money.pressure.cancelled_operation":                    "£250–£2,200",
		"money.pressure.postponed_operation":                    "£0–£500",
		"money.pressure.waiting_list_initiative.above":          "8–20%",
		"money.pressure.waiting_list_initiative.premium":        "£270–£1,080",
		"money.payment.cancelled_unpaid[0].rate":                "0–100%",
		"money.payment.delayed_discharge[0].levied":             "0–100%",
		"money.payment.delayed_discharge[1].levied":             "0–100%",
		"demand.urgent.winter_sd":                               "0.15–0.45",
		"services.acute.discharge.weekend_deferred":             "0.35–0.55",
		"services.acute.discharge.turnaround":                   "1.75–6h",
		"services.intermediate_care.discharge.weekend_deferred": "0.35–0.55",
		"services.intermediate_care.discharge.turnaround":       "1.75–6h",
		"services.elective.notice":                              "2–6 weeks",
		"services.maternity.staff.nurses":                       "2.8–3.6",
		"services.maternity.staff.doctors":                      "0.25–0.5",
		"services.neonatal.staff.nurses":                        "1.2–2.4",
		"services.neonatal.staff.doctors":                       "0.2–0.4",
		"services.paediatric_assessment.staff.nurses":           "0.8–1.9",
		"services.paediatric_assessment.staff.doctors":          "0.2–0.5",
		"services.paediatric_ward.staff.nurses":                 "1.3–1.9",
		"services.paediatric_ward.staff.doctors":                "0.15–0.4",
		"services.outpatients.lead":                             "2–6 weeks",
		"services.outpatients.day_case_lead":                    "2–6 weeks",
		"services.elective.postpone_above":                      "96–100%",
		"services.elective.ring_fenced":                         "0–24",
		"services.acute.management.escalation.step":             "6–12",
		"services.acute.management.escalation.above":            "95–97%",
		"services.acute.management.escalation.below":            "90–93%",
		"services.ed.corridor_spaces":                           "0–20",
		"services.ed.crowding.from":                             "80–120%",
		"services.ed.crowding.to":                               "125–200%",
		"services.ed.crowding.factor":                           "1.0–1.23",
		"services.ed.left_without_being_seen.share":             "10–30%",
		"services.ed.left_without_being_seen.to_clinician":      "15–60 min",
		"services.ed.left_without_being_seen.per_waiting":       "5–25 min",
		"services.acute.early_discharge.from":                   "85–92%",
		"services.acute.early_discharge.to":                     "97–105%",
		"services.acute.early_discharge.stay":                   "0.82–1.0",
		"services.acute.early_discharge.readmit":                "1.01–1.2",
		"services.home_care.hours":                              "24800–33400",
		"services.home_care.duration":                           "0.5–1.5y",
		"services.home_care.after_reablement":                   "10–35%",
		"services.mental_health.share":                          "2.6–4.2%",
		"services.mental_health.to_bed":                         "4–15%",
		"services.mental_health.beds":                           "38–50",
		"services.mental_health.out_of_area_after":              "12h–72h",
		"services.liaison_psychiatry.practitioners":             "1–3",
		"services.liaison_psychiatry.cover_from":                "0–9",
		"services.liaison_psychiatry.cover_to":                  "17–24",
		"services.liaison_psychiatry.assessment":                "1h–2.5h",
		"money.unit_costs.out_of_area_placement":                "£8k–£20k",
		"money.capacity_costs.mental_health_bed":                "£100k–£130k",
		"money.capacity_costs.liaison_practitioner":             "£230k–£350k",
		"services.delays.medicines.share":                       "0.5–0.9",
		"services.delays.medicines.wait":                        "2.5–4.7 h",
		"services.delays.transport.share":                       "5–20%",
		"services.delays.transport.wait":                        "2–8 h",
		"services.delays.choice.share":                          "5–20%",
		"services.delays.choice.wait":                           "2–7d",
		"services.delays.nursing":                               "0.4–0.6",
		"services.maternity.beds":                               "30–46",
		"services.maternity.growth":                             "-1–1%",
		"services.maternity.antenatal":                          "0.2–0.5",
		"services.neonatal.intensive":                           "5–12%",
		"services.neonatal.high_dependency":                     "10–25%",
		"services.paediatric_assessment.spaces":                 "4–10",
		"services.paediatric_assessment.referral":               "15–25%",
		"services.paediatric_ward.beds":                         "18–28",
		"money.inflation.pay":                                   "2–3%",
		"money.inflation.pay_share":                             "55–67%",
		"money.inflation.prices":                                "1.5–2.7%",
		"money.fixed_costs[pfi].index":                          "2.5–3.5%",
		"money.fixed_costs[pfi].indexed":                        "50–100%",
		"money.organisations[acute].funding":                    "£20m–£50m",
		"money.organisations[acute].other":                      "£29m–£60m",
		"money.organisations[acute].volume":                     "0.54–1.65%",
		"money.organisations[commissioners].funding":            "£434m–£486m",
		"money.organisations[commissioners].growth":             "1.94–3.5%",
		"money.organisations[commissioners].other":              "£156m–£211m",
		"money.organisations[commissioners].other_at_tariff":    "40–70%",
		"money.organisations[commissioners].volume":             "0.54–1.65%",
		"money.organisations[community].other":                  "£33m–£53m",
		"money.organisations[community].volume":                 "0.54–1.65%",
		"money.organisations[social-care].funding":              "£82m–£112m",
		"money.organisations[social-care].growth":               "-2–2%",
		"money.organisations[social-care].other":                "£43m–£73m",
		"money.organisations[social-care].volume":               "0.5–2%",
		"money.payment.tariff":                                  "2.75–3.66",
		"money.payment.prices[2].cost_uplift":                   "3.1–3.8%",
		"money.payment.prices[3].cost_uplift":                   "2.1–3.1%",
		"money.payment.prices[3].efficiency":                    "1–2%",
		"money.payment.marginal_rate.threshold":                 "26000–30600",
		"money.payment.marginal_rate.rates[1].rate":             "30–70%",
		"money.payment.readmissions_unpaid":                     "10–50%",
		"money.payment.contracts[0].amount":                     "£16m–£56m",
		"money.payment.contracts[0].growth":                     "0.54–1.65%",
		"money.payment.contracts[1].amount":                     "£35m–£55m",
		"money.payment.contracts[1].growth":                     "0.54–1.65%",
		"money.payment.better_care_fund.transfer":               "£0m–£6m",
		"money.payment.better_care_fund.growth":                 "0–3%",
		"money.payment.sustainability.amount":                   "£9m–£13m",
		"money.payment.sustainability.stretch":                  "2–4%",
		"money.payment.sustainability.standard":                 "90–95%",
		"services.primary_care.to_111":                          "0.02–0.08",
		"services.nhs_111.weekend":                              "1.5–2.5",
		"services.out_of_hours.clinicians":                      "3–6",
		"services.out_of_hours.urgent":                          "0.2–0.5",
		"services.out_of_hours.telephone":                       "5–15 min",
		"services.out_of_hours.consultation":                    "10–20 min",
		"services.out_of_hours.home_visit":                      "40–80 min",
		"services.out_of_hours.to_ae":                           "0.01–0.05",
		"money.capacity_costs.out_of_hours_clinician":           "£520k–£800k",
	}
	for p, w := range workforceRanges {
		want[p] = w
	}
	for p, w := range want {
		if got := l.ranges[p].text; got != w {
			t.Errorf("%s: range %q, want %q", p, got, w)
		}
	}
	for p, r := range l.ranges {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: range %q not expected", p, r.text)
		}
	}
	sets := []string{
		"population.age_bands[2].growth=5%",                                // above 4.5%
		"services.call_for_care.handling={kind: exponential, mean: 51min}", // above 50min
		"services.urgent_community_response.admit=71%",                     // above 70%
		"services.call_for_care.handlers=9",                                // above 8
		"services.acute.beds=941",                                          // above 940
		"services.community.early_ratio=0.69",                              // below 0.7
		"services.community.early_period=11.1mo",                           // above 11mo
		"money.inflation.non_demographic=3.1%",                             // above 3%
		"money.capacity_costs.urgent_community_response_place=£76k",        // above £75k
		"money.capacity_costs.escalation_bed_day=£97",                      // below £98
		"services.elective.notice=11w",                                     // above 10 weeks
		"services.elective.postpone_above=91%",                             // below 92%
		"services.ed.corridor_spaces=41",                                   // above 40
		"services.ed.crowding.factor=1.5",                                  // above 1.46
		"services.ed.left_without_being_seen.share=51%",                    // above 50%
		"services.home_care.hours=42001",                                   // above 42000
		"services.delays.medicines.share=0.09",                             // below 0.1
	}
	b, err := Load("baseline", Options{Sets: sets})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != len(sets) {
		t.Errorf("%d warnings, want %d:\n%q", len(b.Warnings), len(sets), b.Warnings)
	}
	for i, w := range b.Warnings {
		path, _, _ := strings.Cut(sets[i], "=")
		if at := fmt.Sprintf("--set:%d:", i+1); !strings.HasPrefix(w.Error(), at) || !strings.Contains(w.Error(), " "+path+": ") {
			t.Errorf("warning %d: %q, want one at %s on %s", i, w, at, path)
		}
	}
}

// FuzzDocRange checks that no comment makes the range reader panic, that
// a range found is part of its comment, and that ends read are finite and
// in order, in any unit.
func FuzzDocRange(f *testing.F) {
	for _, s := range []string{"# assumption (range 0.3–0.7): x", "# (range 5–20%)", "range £25k–£50k", "range 10–30 min",
		"range 1–6", "range 1e-3-2e-3", "range -5-5", "range −5–−3", "range 300–360"} {
		f.Add(s, "3mo", uint8(0))
	}
	units := []string{"", "duration", "money", "fraction", "factor", "rate", "per-head", "signed-duration"}
	f.Fuzz(func(t *testing.T, comment, value string, u uint8) {
		text, ok := findRange(comment)
		if !ok {
			return
		}
		if !strings.Contains(comment, text) {
			t.Fatalf("findRange(%q) = %q, not part of it", comment, text)
		}
		lo, hi, err := parseDocRange(text, units[int(u)%len(units)], value)
		if err != nil {
			return
		}
		if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo > hi {
			t.Fatalf("parseDocRange(%q, %q) = %v, %v", text, value, lo, hi)
		}
	})
}
