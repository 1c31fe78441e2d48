package des_test

import (
	"fmt"

	"caresim/sim/des"
)

// Example runs a ward of two beds with blocking after service: patients
// who are medically fit wait in their acute bed for the one
// intermediate-care bed. The caller's loop pops events and acts on the
// grants the network reports.
func Example() {
	const (
		admit des.Kind = iota + 1
		fit            // clinical stay over: ask for intermediate care
		leave          // intermediate-care stay over
	)
	var (
		cal des.Calendar
		net des.Network
		g   []des.Grant
	)
	acute := net.AddPool("acute", 2, des.FIFO)
	ic := net.AddPool("intermediate care", 1, des.FIFO)
	for p := int32(0); p < 3; p++ {
		cal.Schedule(des.Time(p), admit, p) // one admission a day
	}
	for {
		ev, ok := cal.Pop()
		if !ok {
			break
		}
		g = g[:0]
		switch ev.Kind {
		case admit:
			g, _ = net.Request(ev.ID, acute, 0, g)
		case fit:
			g, _ = net.Request(ev.ID, ic, 0, g)
			if net.Waiting(ev.ID) == ic {
				fmt.Printf("day %v: patient %d is fit but waits in an acute bed\n", ev.At, ev.ID)
			}
		case leave:
			g, _ = net.Release(ev.ID, g)
			fmt.Printf("day %v: patient %d goes home\n", ev.At, ev.ID)
		}
		for _, gr := range g {
			fmt.Printf("day %v: patient %d gets a bed in %s\n", ev.At, gr.Entity, net.Name(gr.Pool))
			if gr.Pool == acute {
				cal.Schedule(ev.At+3, fit, gr.Entity) // three days' acute care
			} else {
				cal.Schedule(ev.At+2, leave, gr.Entity) // two days' intermediate care
			}
		}
	}
	// Output:
	// day 0: patient 0 gets a bed in acute
	// day 1: patient 1 gets a bed in acute
	// day 3: patient 0 gets a bed in intermediate care
	// day 3: patient 2 gets a bed in acute
	// day 4: patient 1 is fit but waits in an acute bed
	// day 5: patient 0 goes home
	// day 5: patient 1 gets a bed in intermediate care
	// day 6: patient 2 is fit but waits in an acute bed
	// day 7: patient 1 goes home
	// day 7: patient 2 gets a bed in intermediate care
	// day 9: patient 2 goes home
}
