package scenarios

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"caresim/sim/des"
)

// year and month are the lengths ParseDuration documents, in days.
const (
	year  = 365.2425
	month = 365.2425 / 12
)

// checkErr fails t unless err is an error whose message contains want.
func checkErr(t *testing.T, in string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%q: no error, want one containing %q", in, want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("%q: error %q, want it to contain %q", in, err, want)
	}
}

// near reports whether got is within rel of want, relative to |want|, or
// equal to it.
func near(got, want, rel float64) bool {
	return got == want || math.Abs(got-want) <= rel*math.Abs(want)
}

func TestParseDuration(t *testing.T) {
	t.Parallel()
	// Each want is written as the documented v*num/den, so equality is exact.
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"4h", 4.0 / 24},
		{"6d", 6},
		{"2w", 14},
		{"18mo", 18 * 365.2425 / 12},
		{"10y", 10 * 365.2425},
		{"1.5d", 1.5},
		{"0.5y", 0.5 * 365.2425},
		{".5d", 0.5},
		{"4 h", 4.0 / 24},
		{"  6d\t", 6},
		{"1d12h", 1 + 12.0/24},
		{"1d 12h", 1 + 12.0/24},
		{"2y6mo", 2*365.2425 + 6*365.2425/12},
		{"1w2d3h4min", 7 + 2 + 3.0/24 + 4.0/1440},
		{"10 days", 10},
		{"1 day", 1},
		{"3 hours", 3.0 / 24},
		{"1 hour", 1.0 / 24},
		{"2 weeks", 14},
		{"1 week", 7},
		{"6 months", 6 * 365.2425 / 12},
		{"1 month", 365.2425 / 12},
		{"1 year", 365.2425},
		{"3 years", 3 * 365.2425},
		{"30 min", 30.0 / 1440},
		{"45m", 45.0 / 1440},
		{"90 minutes", 90.0 / 1440},
		{"1 minute", 1.0 / 1440},
		{"3 Days", 3},
		{"4H", 4.0 / 24},
		{"2Y6MO", 2*365.2425 + 6*365.2425/12},
		{"0", 0}, // zero needs no unit
		{"0.0", 0},
		{"+0", 0},
		{"-0", 0}, // as YAML and JSON may write zero
		{"−0", 0},
		{"0e3", 0},
		{"0d", 0},
		{"+3d", 3},
		{"1e3d", 1000},
		{"1.5e-1d", 0.15},
		{"1,000d", 1000},
		{"1e-400d", 0}, // underflows to zero, which is a duration
		{"0e99999999999999999999d", 0},
		{"1" + strings.Repeat("0", 500) + "e-500d", 1},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDuration(c.in)
			if err != nil {
				t.Fatalf("ParseDuration(%q): %v", c.in, err)
			}
			if float64(got) != c.want {
				t.Errorf("ParseDuration(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseDurationErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty duration; use a number with h, d, w, mo or y"},
		{"   ", "empty duration"},
		{"6x", `"6x": not a duration; use a number with h, d, w, mo or y, such as 4h, 6d, 18mo, 10y`},
		{"x", "not a duration"},
		{"d", "not a duration"},
		{"4 h h", "not a duration"},
		{"4 fortnights", "not a duration"},
		{"10 dayz", `"10 dayz": unknown unit "dayz"; did you mean "days"?`},
		{"10dys", `did you mean "days"?`},
		{"3 hourz", `did you mean "hours"?`},
		{"3 hrs", `did you mean "hours"?`},
		{"2 yeers", `did you mean "years"?`},
		{"6 mnths", `did you mean "months"?`},
		{"5 mins", `did you mean "min"?`},
		{"-3d", `"-3d": negative duration`},
		{"-0d", "negative duration"},
		{"−3d", "negative duration"}, // U+2212 minus sign
		{"NaN", `"NaN": not a finite number`},
		{"Inf", "not a finite number"},
		{"+Inf", "not a finite number"},
		{"-inf", "not a finite number"},
		{".inf", "not a finite number"},
		{"1d12", `"1d12": missing unit after 12`},
		{"12h1d", "units must go from the largest to the smallest"},
		{"1d1d", "units must go from the largest to the smallest"},
		{"1d 2days", "units must go from the largest to the smallest"},
		{"1.2.3d", `malformed number "1.2.3"`},
		{"5.d", `malformed number "5."`},
		{"1,5d", `"1,5d": bad thousands grouping in "1,5" (commas go between groups of three digits and a point before decimals, as in 1,234.5); use a number with`},
		{"1e400d", `"1e400d": too large`},
		{"1e306y", "too large"},
		{"1e99999999999999999999d", "too large"},
		{"4h!", `unexpected '!'`},
		{"4h\xff", "invalid UTF-8"},
		{"2014-04-01", "not a duration"},
		// A number without a unit is refused, never read as days.
		{"7", "7 has no unit: 7d? 7w?"},
		{"0.25", "0.25 has no unit"},
		{"1,000", "1,000 has no unit"},
		{"1e-400", "1e-400 has no unit"}, // not written as zero, though it rounds to it
		{"-7", "negative duration"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDuration(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestParseSignedDuration(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"-0.5d", -0.5},
		{"- 12h", -0.5},
		{"−1d12h", -1.5}, // U+2212 minus sign
		{"+2h", 2.0 / 24},
		{"3w", 21},
		{"-0", 0},
		{"0", 0},
	} {
		got, err := ParseSignedDuration(c.in)
		if err != nil || float64(got) != c.want || math.Signbit(float64(got)) != (c.want < 0) {
			t.Errorf("ParseSignedDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"-5", "-5 has no unit: -5d? -5w?"},
		{"--5d", "not a duration"},
		{"-+5d", "not a duration"},
		{"-", "not a duration"},
		{"-NaN", "not a finite number"},
		{"", "empty duration"},
	} {
		_, err := ParseSignedDuration(c.in)
		checkErr(t, c.in, err, c.want)
	}
}

// TestUnitHints checks the readings suggested for a number without its
// unit, fitted to the parameter's usual size: a horizon of 10 is ten
// years (or ten days, in a textbook run), an ED treatment time of 110 is
// in minutes or hours, an acute stay of 130 in hours or days.
func TestUnitHints(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		kind, text string
		x          float64
		path, want string
	}{
		{"duration", "10", 10, "horizon", "10y 10d"},
		{"duration", "3650", 3650, "horizon", "3650d"}, // 3650 years is past any horizon
		{"duration", "110", 110, "services.ed.treatment.median", "110min 110h"},
		{"duration", "4", 4, "services.ed.treatment.p90", "4h 4min"},
		{"duration", "130", 130, "services.acute.length_of_stay.mean", "130h 130d"},
		{"duration", "5.8", 5.8, "services.acute.length_of_stay.values[2]", "5.8d 5.8h"},
		{"duration", "-0.5", -0.5, "services.acute.length_of_stay.mean", "-0.5d"},
		{"duration", "6", 6, "interventions.prism.ramp", "6mo 6w"},
		{"duration", "6", 6, "interventions[3].ramp", "6mo 6w"},
		{"duration", "2", 2, "services.care_homes.length_of_stay.mean", "2y 2mo"},
		{"duration", "7", 7, "", "7d 7w"},
		{"duration", "1e9", 1e9, "horizon", "1e9d"}, // nothing plausible: the nearest
		{"per-head", "330", 330, "population.age_bands[0].urgent", "330 per 1000 per year"},
		{"per-head", "330", 330, "population.age_bands.85+.urgent", "330 per 1000 per year"},
		{"per-head", "1", 1, "services.care_homes.urgent_calls", "1 per person per year 1 per 100 per year"},
	} {
		got := strings.Join(UnitHints(c.kind, c.text, c.x, c.path), " ")
		if got != c.want {
			t.Errorf("UnitHints(%s, %s, %s) = %q, want %q", c.kind, c.text, c.path, got, c.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   float64
		want string
	}{
		{4.0 / 24, "4h"},
		{6, "6d"},
		{14, "2w"},
		{18 * month, "18mo"},
		{10 * year, "10y"},
		{year, "1y"},
		{1, "1d"},
		{7, "1w"},
		{1.5, "36h"},
		{10.5, "10.5d"},
		{6.2, "6.2d"},
		{30, "30d"},
		{63, "9w"},
		{365, "365d"},
		{2*year + 6*month, "2.5y"},
		{30.0 / 1440, "30min"},
		{90.0 / 1440, "1.5h"},
		{0.5 / 1440, "0.5min"},
		{0, "0d"},
		{-2, "-2d"},
		{1.0 / 3, "8h"},
		{1.0 / 7, "0.14285714285714285d"},
		{1e-300, "1e-300d"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "+Inf"},
	} {
		t.Run(c.want, func(t *testing.T) {
			t.Parallel()
			if got := FormatDuration(des.Time(c.in)); got != c.want {
				t.Errorf("FormatDuration(%v) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestFormatParseDuration checks that ParseDuration reads FormatDuration
// back to within 1e-9 relative (FormatDuration promises 1e-11; the brief's
// bound is 1e-9), over whole and fractional counts of every unit, a
// geometric grid from a microsecond-ish to far beyond any horizon, and
// random values.
func TestFormatParseDuration(t *testing.T) {
	t.Parallel()
	var xs []float64
	for _, u := range []float64{1.0 / 1440, 1.0 / 24, 1, 7, month, year} {
		for n := 1; n <= 200; n++ {
			xs = append(xs, float64(n)*u, float64(n)*u/4, float64(n)*u/3)
		}
	}
	for x := 1e-12; x < 1e300; x *= 1.7 {
		xs = append(xs, x)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 10000 {
		xs = append(xs, math.Exp(rng.Float64()*40-20))
	}
	xs = append(xs, 0, math.SmallestNonzeroFloat64, math.MaxFloat64)
	for _, x := range xs {
		s := FormatDuration(des.Time(x))
		got, err := ParseDuration(s)
		if err != nil {
			t.Fatalf("ParseDuration(FormatDuration(%v) = %q): %v", x, s, err)
		}
		if !near(float64(got), x, 1e-9) {
			t.Fatalf("ParseDuration(FormatDuration(%v) = %q) = %v", x, s, got)
		}
	}
}

func TestParseMoney(t *testing.T) {
	t.Parallel()
	// The decimal is scaled before rounding, so each want is exact.
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"£1.2m", 1.2e6},
		{"1.2m", 1.2e6},
		{"1.2M", 1.2e6},
		{"£1.2 m", 1.2e6},
		{"£250k", 250e3},
		{"250k", 250e3},
		{"250K", 250e3},
		{"£395", 395},
		{"395", 395},
		{" £395 ", 395},
		{"£0.5", 0.5},
		{"£0", 0},
		{"£1,234,567", 1234567},
		{"£1,234.56", 1234.56},
		{"£1,200k", 1.2e6},
		{"£140m", 140e6},
		{"£2bn", 2e9},
		{"2BN", 2e9},
		{"2b", 2e9},
		{"£2.1bn", 2.1e9},
		{"0.1m", 1e5},
		{"-£3m", -3e6},
		{"£-3m", -3e6},
		{"−£3.5m", -3.5e6}, // U+2212 minus sign
		{"+£3m", 3e6},
		{"1.5e6", 1.5e6},
		{"£1.5E6", 1.5e6},
		{"1e3k", 1e6},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseMoney(c.in)
			if err != nil {
				t.Fatalf("ParseMoney(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("ParseMoney(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseMoneyErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty amount of money; use pounds"},
		{"£", `"£": no amount; use pounds with an optional k, m or bn, such as £1.2m, £250k or £395`},
		{"-", "no amount"},
		{"m", `"m": not an amount of money`},
		{"£m", "not an amount of money"},
		{"£1.2.3", `"£1.2.3": malformed number "1.2.3"`},
		{"1,23", `"1,23": bad thousands grouping in "1,23"`},
		{"1,2345", "bad thousands grouping"},
		{"12,345,67", "bad thousands grouping"},
		{"1234,567", "bad thousands grouping"},
		{"1,234.5,6", "bad thousands grouping"},
		{"£1.2mn", `unknown suffix "mn"; did you mean "m"?`},
		{"£1.2 million", "not an amount of money"},
		{"£3bm", `did you mean "bn"?`},
		{"$5", `unexpected '$'`},
		{"€5", `unexpected '€'`},
		{"NaN", "not a finite number"},
		{"£Inf", "not a finite number"},
		{"-£inf", "not a finite number"},
		{"-£-3m", "not an amount of money"},
		{"££3", "not an amount of money"},
		{"£3m£", "not an amount of money"},
		{"£3 4", "not an amount of money"},
		{"£1e400", "too large"},
		{"1e300bn", "too large"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseMoney(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestFormatMoney(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   float64
		want string
	}{
		{1.2e6, "£1.2m"},
		{250e3, "£250k"},
		{395, "£395"},
		{-3.5e6, "-£3.5m"},
		{2.1e9, "£2.1bn"},
		{140e6, "£140m"},
		{1234567, "£1.23m"},
		{999.7, "£1k"},
		{1000, "£1k"},
		{12345, "£12.3k"},
		{999e9, "£999bn"},
		{12.345, "£12.3"},
		{0.5, "£0.5"},
		{0.0123, "£0.0123"},
		{0, "£0"},
		{math.Copysign(0, -1), "£0"},
		{1e12, "£1e+12"},
		{1e-5, "£1e-05"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "£Inf"},
		{math.Inf(-1), "-£Inf"},
	} {
		t.Run(c.want, func(t *testing.T) {
			t.Parallel()
			if got := FormatMoney(c.in); got != c.want {
				t.Errorf("FormatMoney(%v) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestFormatParseMoney checks that ParseMoney reads FormatMoney back to
// within 0.5% relative: three significant figures are off by at most half a
// unit in the third figure, 0.5/100 of a leading figure of 1.
func TestFormatParseMoney(t *testing.T) {
	t.Parallel()
	var xs []float64
	for x := 1e-20; x < 1e300; x *= 1.3 {
		xs = append(xs, x, -x)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 10000 {
		xs = append(xs, math.Exp(rng.Float64()*60-10))
	}
	xs = append(xs, 0, 999.5, 999.4999, 9.995e8, math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64)
	for _, x := range xs {
		s := FormatMoney(x)
		got, err := ParseMoney(s)
		if err != nil {
			t.Fatalf("ParseMoney(FormatMoney(%v) = %q): %v", x, s, err)
		}
		if !near(got, x, 5e-3) {
			t.Fatalf("ParseMoney(FormatMoney(%v) = %q) = %v", x, s, got)
		}
	}
}

func TestParsePercent(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"15%", 0.15},
		{"0.15", 0.15},
		{"-5%", -0.05},
		{"2.5 %", 0.025},
		{"2.5%", 0.025},
		{" 15% ", 0.15},
		{"0.1%", 0.001},
		{"100%", 1},
		{"150%", 1.5}, // the caller checks the range
		{"0%", 0},
		{"+5%", 0.05},
		{"1e1%", 0.1},
		{"1", 1},
		{"15", 15}, // a bare number is a fraction, however large
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePercent(c.in)
			if err != nil {
				t.Fatalf("ParsePercent(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("ParsePercent(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParsePercentErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty percentage; use a percentage such as 15% or a fraction such as 0.15"},
		{"%", `"%": not a percentage`},
		{"15%%", "not a percentage"},
		{"%15", "not a percentage"},
		{"15 percent", "not a percentage"},
		{"fifteen", "not a percentage"},
		{"NaN%", "not a finite number"},
		{"-Inf", "not a finite number"},
		{"1,5%", "bad thousands grouping"},
		{"1.5.%", "malformed number"},
		{"1e400%", "too large"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParsePercent(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestParseFactor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"50%", 0.5},
		{"0.85", 0.85},
		{"150%", 1.5},
		{"85 %", 0.85},
		{"2", 2},
	} {
		got, err := ParseFactor(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseFactor(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	_, err := ParseFactor("half")
	checkErr(t, "half", err, `"half": not a factor; use a factor such as 0.85 or a percentage such as 85%`)
}

func TestParseRate(t *testing.T) {
	t.Parallel()
	// Each want is the documented v*den/num.
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"12 per day", 12},
		{"3.5 per hour", 3.5 * 24},
		{"84 per week", 84.0 / 7},
		{"200 per year", 200 / 365.2425},
		{"6 per month", 6 * 12 / 365.2425},
		{"1 per minute", 1440},
		{"12/day", 12},
		{"12 / day", 12},
		{"12/d", 12},
		{"3.5/h", 3.5 * 24},
		{"12/w", 12.0 / 7},
		{"12/mo", 12 * 12 / 365.2425},
		{"12/y", 12 / 365.2425},
		{"1/min", 1440},
		{"12 a day", 12},
		{"200 a year", 200 / 365.2425},
		{"3 an hour", 72},
		{"12 PER DAY", 12},
		{"12 Per Day", 12},
		{"1,200 per year", 1200 / 365.2425},
		{"12", 12},
		{"0", 0},
		{"-3 per day", -3}, // the caller checks the range
		{" 12 per day ", 12},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseRate(c.in)
			if err != nil {
				t.Fatalf("ParseRate(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("ParseRate(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseRateErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty rate; use a number per minute, hour, day, week, month or year"},
		{"120 per 1000 per year", `"120 per 1000 per year": a rate per head of population is not allowed here`},
		{"0.5 per person per year", "a rate per head of population is not allowed here"},
		{"120 per 1000 population per year", "a rate per head of population is not allowed here"},
		{"12/m", `unknown unit of time "m", which could mean minute or month; write min or mo`},
		{"12 per days", `unknown unit of time "days"; did you mean "day"?`},
		{"12 per dya", `did you mean "day"?`},
		{"12 pr day", `unknown word "pr"; did you mean "per"?`},
		{"12 per", "missing unit of time after per"},
		{"12 day", `"12 day": not a rate`},
		{"12 per 2 days", "not a rate"},
		{"12 per day per day", "not a rate"},
		{"per day", "not a rate"},
		{"day", "not a rate"},
		{"NaN", "not a finite number"},
		{"inf", "not a finite number"},
		{"12 per day!", `unexpected '!'`},
		{"1e308 per minute", "too large"},
		{"1,2 per day", "bad thousands grouping"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseRate(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestParsePopulationRate(t *testing.T) {
	t.Parallel()
	// Each want is the documented number/population*den/num; the brief's
	// 120/1000/365.2425 is the same sum, so 1e-15 relative is only slack
	// for a different order of the operations.
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"120 per 1000 per year", 120.0 / 1000 / 365.2425},
		{"120 per 1,000 per year", 120.0 / 1000 / 365.2425},
		{"120 per 1000 population per year", 120.0 / 1000 / 365.2425},
		{"120 per 1000 people a year", 120.0 / 1000 / 365.2425},
		{"120/1000/y", 120.0 / 1000 / 365.2425},
		{"3 per 100 per month", 3.0 / 100 * 12 / 365.2425},
		{"0.5 per person per year", 0.5 / 365.2425},
		{"2 per head per week", 2.0 / 7},
		{"1 per 1 per day", 1},
		{"5 per 100,000 per day", 5e-5},
		{"0", 0}, // zero needs no unit
		{"-1 per 1000 per year", -1.0 / 1000 / 365.2425},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePopulationRate(c.in)
			if err != nil {
				t.Fatalf("ParsePopulationRate(%q): %v", c.in, err)
			}
			if !near(got, c.want, 1e-15) {
				t.Errorf("ParsePopulationRate(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParsePopulationRateErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty rate; use a number per population per unit of time"},
		{"12 per day", `"12 per day": no population; use a number per population per unit of time, such as 120 per 1000 per year`},
		{"12/day", "no population"},
		{"12 a year", "no population"},
		{"120 per 0 per year", "the population must be more than 0"},
		{"120 per 1000", "missing unit of time after the population"},
		{"120 per 1000 per", "missing unit of time after per"},
		{"120 per 1000 per yr", `unknown unit of time "yr"; did you mean "y"?`},
		{"120 per 1000 per years", `did you mean "year"?`},
		{"120 per 1,00 per year", "bad thousands grouping"},
		{"120 per 1000 per year extra", "not a rate"},
		{"120 per people per year", "not a rate per head of population"},
		{"120 a 1000 a year", "not a rate per head of population"},
		{"per 1000 per year", "not a rate"},
		{"NaN", "not a finite number"},
		{"1e308 per 1e-300 per day", "too large"},
		{"0.01", "0.01 has no unit: 0.01 per person per year? 0.01 per 100 per year?"},
		{"330", "330 has no unit: 330 per 1000 per year? 330 per 100 per year?"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParsePopulationRate(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want des.Date
	}{
		{"2014-04-01", des.Date{Year: 2014, Month: 4, Day: 1}},
		{" 2024-12-31 ", des.Date{Year: 2024, Month: 12, Day: 31}},
		{"2016-02-29", des.Date{Year: 2016, Month: 2, Day: 29}},
		{"2000-02-29", des.Date{Year: 2000, Month: 2, Day: 29}},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDate(c.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("ParseDate(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty date; use YYYY-MM-DD, such as 2014-04-01"},
		{"2015-02-29", `"2015-02-29": no such day: 2015-02 has 28 days`},
		{"1900-02-29", "no such day: 1900-02 has 28 days"},
		{"2014-04-31", "no such day: 2014-04 has 30 days"},
		{"2014-04-00", "no such day"},
		{"2014-13-01", "no month 13"},
		{"2014-00-10", "no month 0"},
		{"2014-4-1", `"2014-4-1": not a date; use YYYY-MM-DD`},
		{"14-04-01", "not a date"},
		{"2014/15", "2014/15 is a financial year, not a date: 2014-04-01?"},
		{"2014", "2014 is a year, not a date: 2014-04-01?"},
		{"20140401", "20140401 is not a date: 2014-04-01?"},
		{"20141301", `"20141301": not a date`},
		{"201404", `"201404": not a date`},
		{"2014-04-01T00:00", "not a date"},
		{"01/04/2014", "not a date"},
		{"2014-04-0a", "not a date"},
		{"+014-04-01", "not a date"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDate(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestParseFinancialYear(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want des.Date
	}{
		{"2014/15", des.Date{Year: 2014, Month: 4, Day: 1}},
		{"FY2014/15", des.Date{Year: 2014, Month: 4, Day: 1}},
		{"fy 2014/15", des.Date{Year: 2014, Month: 4, Day: 1}},
		{" 2014/2015 ", des.Date{Year: 2014, Month: 4, Day: 1}},
		{"1999/00", des.Date{Year: 1999, Month: 4, Day: 1}},
		{"2023/24", des.Date{Year: 2023, Month: 4, Day: 1}},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseFinancialYear(c.in)
			if err != nil {
				t.Fatalf("ParseFinancialYear(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("ParseFinancialYear(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseFinancialYearErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty financial year; use a financial year such as 2014/15"},
		{"2014/16", `"2014/16": 16 does not follow 2014; a financial year spans two consecutive years, as in 2014/15`},
		{"2014/2016", "2016 does not follow 2014"},
		{"2014/14", "does not follow"},
		{"2014", "not a financial year"},
		{"2014-15", "not a financial year"},
		{"14/15", "not a financial year"},
		{"2014/5", "not a financial year"},
		{"FY", "not a financial year"},
		{"FY2014/15/16", "not a financial year"},
		{"2014-04-01", "not a financial year"},
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseFinancialYear(c.in)
			checkErr(t, c.in, err, c.want)
		})
	}
}

func TestClosest(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		word    string
		options []string
		want    string // "" for no suggestion
	}{
		{"dayz", durationUnitNames, "days"}, // day and days are both 1 away; days has dayz's length
		{"hrs", durationUnitNames, "hours"}, // h and hours are both 2 away; hours comes first
		{"capcity", []string{"capacity", "beds"}, "capacity"},
		{"replicaitons", []string{"replications", "seed"}, "replications"}, // a transposition is 2 edits
		{"bed", []string{"beds", "bad"}, "bad"},                            // both 1 away; bad has bed's length
		{"mn", []string{"bn", "m"}, "m"},                                   // both 1 away; m has mn's first letter
		{"ab", []string{"ac", "ad"}, "ac"},                                 // a full tie goes to the first
		{"wards", []string{"wards"}, "wards"},                              // an exact match is distance 0
		{"x", []string{"m", "h", "d"}, ""},                                 // one edit is the whole word
		{"ab", []string{"cd"}, ""},                                         // two edits are the whole word
		{"fortnight", durationUnitNames, ""},                               // too far from everything
		{"capacityy", []string{"capacity"}, "capacity"},
		{"cpcty", []string{"capacity"}, ""}, // three deletions
		{"", []string{"a"}, ""},
		{"beds", nil, ""},
		{"café", []string{"cafe"}, "cafe"}, // distance counts runes, not bytes
	} {
		t.Run(c.word, func(t *testing.T) {
			t.Parallel()
			got, ok := closest(c.word, c.options)
			if ok != (c.want != "") || got != c.want {
				t.Errorf("closest(%q, %q) = %q, %v, want %q", c.word, c.options, got, ok, c.want)
			}
		})
	}
}

// seeds are inputs that start every fuzz target off near the grammar.
var seeds = []string{
	"", " ", "4h", "6d", "18mo", "10y", "1.5d", "4 h", "1d12h", "2y6mo", "10 days", "10 dayz",
	"£1.2m", "250k", "£1,234,567", "-£3m", "£-3m", "£2bn", "1.5e6", "1,23", "£1.2.3",
	"15%", "-5%", "2.5 %", "12 per day", "3.5/h", "12 a day", "120 per 1000 per year",
	"0.5 per person per year", "120 per 1,000 population a year", "NaN", "-Inf", ".inf",
	"1e400", "1e-400", "−3", "\xff", "2014-04-01", "2014/15", "1e99999999999999999999d",
}

// FuzzParseDuration checks that ParseDuration never panics, that what it
// accepts is finite and not negative, and that FormatDuration reads back to
// within 1e-9 relative.
func FuzzParseDuration(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseDuration(%q): empty error message", s)
			}
			return
		}
		x := float64(d)
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			t.Fatalf("ParseDuration(%q) = %v", s, x)
		}
		out := FormatDuration(d)
		back, err := ParseDuration(out)
		if err != nil {
			t.Fatalf("ParseDuration(%q) = %v, formatted %q: %v", s, x, out, err)
		}
		if !near(float64(back), x, 1e-9) {
			t.Fatalf("ParseDuration(%q) = %v, formatted %q, read back %v", s, x, out, back)
		}
	})
}

// FuzzParseMoney checks that ParseMoney and ParsePercent never panic, that
// what they accept is finite, and that FormatMoney reads back to within
// 0.5% (three significant figures).
func FuzzParseMoney(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := ParsePercent(s); err == nil && (math.IsNaN(p) || math.IsInf(p, 0)) {
			t.Fatalf("ParsePercent(%q) = %v", s, p)
		}
		x, err := ParseMoney(s)
		if err != nil {
			return
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("ParseMoney(%q) = %v", s, x)
		}
		out := FormatMoney(x)
		back, err := ParseMoney(out)
		if err != nil {
			t.Fatalf("ParseMoney(%q) = %v, formatted %q: %v", s, x, out, err)
		}
		if !near(back, x, 5e-3) {
			t.Fatalf("ParseMoney(%q) = %v, formatted %q, read back %v", s, x, out, back)
		}
	})
}

// FuzzParseRate checks that ParseRate and ParsePopulationRate never panic,
// that what they accept is finite, and that no input is both a plain rate
// and a population rate unless it is a bare number, which both read alike.
func FuzzParseRate(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, errR := ParseRate(s)
		if errR == nil && (math.IsNaN(r) || math.IsInf(r, 0)) {
			t.Fatalf("ParseRate(%q) = %v", s, r)
		}
		p, errP := ParsePopulationRate(s)
		if errP == nil && (math.IsNaN(p) || math.IsInf(p, 0)) {
			t.Fatalf("ParsePopulationRate(%q) = %v", s, p)
		}
		if errR == nil && errP == nil && r != p {
			t.Fatalf("%q is a rate %v and a population rate %v", s, r, p)
		}
	})
}
