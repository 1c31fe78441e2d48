package scenarios_test

import (
	"fmt"

	"caresim/scenarios"
	"caresim/sim/des"
)

func ExampleParseDuration() {
	for _, s := range []string{"4h", "6d", "18mo", "10y", "1d12h", "10 days", "7"} {
		d, err := scenarios.ParseDuration(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-8s %8.3f days\n", s, d)
	}
	_, err := scenarios.ParseDuration("10 dayz")
	fmt.Println(err)
	_, err = scenarios.ParseDuration("6x")
	fmt.Println(err)
	// Output:
	// 4h          0.167 days
	// 6d          6.000 days
	// 18mo      547.864 days
	// 10y      3652.425 days
	// 1d12h       1.500 days
	// 10 days    10.000 days
	// 7 has no unit: 7d? 7w?
	// "10 dayz": unknown unit "dayz"; did you mean "days"?
	// "6x": not a duration; use a number with h, d, w, mo or y, such as 4h, 6d, 18mo, 10y
}

func ExampleFormatDuration() {
	for _, days := range []des.Time{4.0 / 24, 1.5, 6, 10.5, 14, 18 * 365.2425 / 12, 365.2425, 3652.425} {
		fmt.Println(scenarios.FormatDuration(days))
	}
	// Output:
	// 4h
	// 36h
	// 6d
	// 10.5d
	// 2w
	// 18mo
	// 1y
	// 10y
}

func ExampleParseMoney() {
	for _, s := range []string{"£1.2m", "250k", "£395", "£1,234,567", "£2bn", "-£3m", "1.5e6"} {
		x, err := scenarios.ParseMoney(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s is %.0f pounds\n", s, x)
	}
	_, err := scenarios.ParseMoney("1,23")
	fmt.Println(err)
	// Output:
	// £1.2m is 1200000 pounds
	// 250k is 250000 pounds
	// £395 is 395 pounds
	// £1,234,567 is 1234567 pounds
	// £2bn is 2000000000 pounds
	// -£3m is -3000000 pounds
	// 1.5e6 is 1500000 pounds
	// "1,23": bad thousands grouping in "1,23" (commas go between groups of three digits and a point before decimals, as in 1,234.5); use pounds with an optional k, m or bn, such as £1.2m, £250k or £395
}

func ExampleFormatMoney() {
	for _, x := range []float64{395, 250e3, 1234567, -3.5e6, 140e6, 2.1e9} {
		fmt.Println(scenarios.FormatMoney(x))
	}
	// Output:
	// £395
	// £250k
	// £1.23m
	// -£3.5m
	// £140m
	// £2.1bn
}

func ExampleParsePercent() {
	for _, s := range []string{"15%", "0.15", "-5%", "2.5 %"} {
		p, err := scenarios.ParsePercent(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-6s %.3f\n", s, p)
	}
	// Output:
	// 15%    0.150
	// 0.15   0.150
	// -5%    -0.050
	// 2.5 %  0.025
}

func ExampleParseRate() {
	for _, s := range []string{"12 per day", "3.5 per hour", "84 per week", "200 per year", "12/day", "12 a day"} {
		r, err := scenarios.ParseRate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-13s %7.4f per day\n", s, r)
	}
	// Output:
	// 12 per day    12.0000 per day
	// 3.5 per hour  84.0000 per day
	// 84 per week   12.0000 per day
	// 200 per year   0.5476 per day
	// 12/day        12.0000 per day
	// 12 a day      12.0000 per day
}

func ExampleParsePopulationRate() {
	for _, s := range []string{"120 per 1000 per year", "3 per 100 per month", "0.5 per person per year"} {
		r, err := scenarios.ParsePopulationRate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-24s %.4g per person per day\n", s, r)
	}
	_, err := scenarios.ParsePopulationRate("12 per day")
	fmt.Println(err)
	// Output:
	// 120 per 1000 per year    0.0003285 per person per day
	// 3 per 100 per month      0.0009856 per person per day
	// 0.5 per person per year  0.001369 per person per day
	// "12 per day": no population; use a number per population per unit of time, such as 120 per 1000 per year or 0.5 per person per year
}

func ExampleParseDate() {
	d, err := scenarios.ParseDate("2014-04-01")
	fmt.Println(d, err)
	_, err = scenarios.ParseDate("2015-02-29")
	fmt.Println(err)
	// Output:
	// 2014-04-01 <nil>
	// "2015-02-29": no such day: 2015-02 has 28 days
}

func ExampleParseFinancialYear() {
	d, err := scenarios.ParseFinancialYear("FY2014/15")
	fmt.Println(d, err)
	_, err = scenarios.ParseFinancialYear("2014/16")
	fmt.Println(err)
	// Output:
	// 2014-04-01 <nil>
	// "2014/16": 16 does not follow 2014; a financial year spans two consecutive years, as in 2014/15
}
