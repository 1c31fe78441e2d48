package care_test

import (
	"reflect"
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// cloneSubject is validParams with the slices it leaves nil filled too
// (hour-of-week and month profiles, an empirical distribution's values and
// weights, a quantile table's probabilities), so that every kind of slice
// Params holds is there to be shared by mistake.
func cloneSubject() *care.Params {
	p := validParams()
	p.Demand.Urgent.HourOfWeek = make([]float64, 168)
	for i := range p.Demand.Urgent.HourOfWeek {
		p.Demand.Urgent.HourOfWeek[i] = 1
	}
	p.Demand.Urgent.Month = []float64{1.1, 1.05, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1}
	p.Services.UrgentTreatment.Treatment = des.Empirical([]float64{0.02, 0.05}, []float64{1, 3})
	p.Services.SDEC.Treatment = des.QuantileTable([]float64{0, 0.5, 1}, []float64{0.1, 0.2, 0.4})
	return p
}

// TestCloneIndependent changes everything reachable from a clone through
// its exported fields, slices and pointers included, and checks that the
// original is as it was: what one replication's Schedule writes into its
// copy never reaches another's.
func TestCloneIndependent(t *testing.T) {
	t.Parallel()
	p := cloneSubject()
	c := p.Clone()
	if !reflect.DeepEqual(c, p) {
		t.Fatal("the clone differs from the original before any change")
	}

	// By hand, the places a shallow copy would share.
	c.Population.Localities[0].AgeShares[0] = 0.5
	c.Population.AgeBands[1].RiskShares[2] = 0.5
	c.Population.AgeBands[2].Urgent = 99
	c.Population.Risk[0].UrgentRatio = 99
	c.Demand.Urgent.Routes[0].Admit = 0.99
	c.Demand.Urgent.Month[0] = 9
	c.Services.FrontDoor.Routes[0] = "ambulance"
	c.Services.Community.Enrol = append(c.Services.Community.Enrol[:0], "low")
	c.Services.UrgentTreatment.Treatment.Values[0] = 9
	c.Interventions[0].Changes[0].To.Central = 9999 // through a pointer
	c.Interventions[0].Changes[1].Path = "services.acute.beds"
	if !reflect.DeepEqual(p, cloneSubject()) {
		t.Fatal("changing the clone by hand changed the original")
	}

	// Then everything.
	n := mutate(reflect.ValueOf(c).Elem())
	if n < 100 {
		t.Fatalf("mutate changed only %d values: the walk missed most of Params", n)
	}
	if !reflect.DeepEqual(p, cloneSubject()) {
		t.Errorf("changing all %d values of the clone changed the original", n)
	}
	if reflect.DeepEqual(c, cloneSubject()) {
		t.Error("the clone did not change")
	}
}

// mutate changes every number, string and bool reachable from v through
// exported struct fields, slices, arrays and pointers, and returns how many
// it changed. Unexported fields (a Dist's tables, shared by design until
// Init) are left alone.
func mutate(v reflect.Value) int {
	switch v.Kind() {
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += mutate(v.Field(i))
			}
		}
		return n
	case reflect.Slice, reflect.Array:
		n := 0
		for i := range v.Len() {
			n += mutate(v.Index(i))
		}
		return n
	case reflect.Pointer:
		if v.IsNil() {
			return 0
		}
		return mutate(v.Elem())
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	default:
		return 0
	}
	return 1
}
