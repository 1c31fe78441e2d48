package finance_test

import (
	"fmt"

	"caresim/sim/des"
	"caresim/sim/finance"
)

// A one-hospital system for one year under payment by results: the
// commissioners pay the trust twice the marginal cost of each spell, £18m,
// against the £21.5m its spells and beds cost, so the trust runs a £3.5m
// deficit while the commissioners show a £2m surplus. The system's gap is
// £1.5m under any rule; an alliance would share it between the two.
func ExampleAccounts() {
	p := &finance.Params{
		PriceYear: "2014/15",
		UnitCosts: finance.UnitCosts{NonElectiveSpell: 600},
		CapacityCosts: finance.CapacityCosts{
			AcuteBed: 100_000, // a staffed bed for a year
		},
		Organisations: []finance.Organisation{
			{Name: "acute"},
			{Name: "commissioners", Funding: 20e6},
		},
		Payment: finance.Payment{Rule: "tariff", Tariff: 2},
	}
	years := []finance.Activity{{
		From: des.Date{Year: 2014, Month: 4, Day: 1}, Days: 365,
		NonElectiveSpells: 15_000, AcuteBeds: 125,
	}}
	accounts, err := finance.Accounts(p, years, nil)
	if err != nil {
		panic(err)
	}
	for _, y := range accounts {
		for _, b := range []int{finance.Acute, finance.Commissioners, finance.System} {
			m := y.Money[b]
			fmt.Printf("%s %-13s cost £%4.1fm  funding £%4.1fm  income £%5.1fm  deficit £%4.1fm\n", y.Name, finance.BodyNames[b],
				m[finance.Cost]/1e6, m[finance.Funding]/1e6, m[finance.Income]/1e6, m[finance.Deficit]/1e6)
		}
	}
	// Output:
	// 2014/15 acute         cost £21.5m  funding £ 0.0m  income £ 18.0m  deficit £ 3.5m
	// 2014/15 commissioners cost £ 0.0m  funding £20.0m  income £-18.0m  deficit £-2.0m
	// 2014/15 system        cost £21.5m  funding £20.0m  income £  0.0m  deficit £ 1.5m
}
