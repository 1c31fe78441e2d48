package care

import (
	"math"
	"math/rand/v2"

	"caresim/sim/des"
)

// census fills the beds occupied at the start of the warm-up (the
// occupied field of each service that has one, in the order of the
// service table: Acute, IntermediateCare, CareHomes) with
// patients part-way through their stays. In a system in steady state a
// patient found in a bed has a stay drawn length-biased (a long stay is
// more likely to be found in progress) and is a uniform fraction of the
// way through it:
//
//	S* has density s·f(s)/E[S],  elapsed = U·S*,  remaining = (1 − U)·S*
//
// so that the remaining stay, given the time already spent a, is S − a
// given S > a (Cox, Renewal Theory, 1962, §5.2). Acute census patients
// then follow the usual pathways when medically fit. The home-care
// market's hours in use at the start are filled the same way
// (censusHomeCare). The acute census fills general beds only, never the
// beds ring-fenced for electives (Elective.RingFenced).
func (m *model) census() error {
	r := des.NewStream(m.cfg.Seed, m.cfg.Rep, "census")
	for _, sv := range services {
		if sv.occupied == nil || !m.isOn(sv) {
			continue
		}
		p := &m.p.Services
		// Census patients are emergency patients: the acute pool's
		// capacity is the general beds, the ring-fenced ones apart.
		n := min(*sv.occupied(p), *sv.units(p), m.net.Capacity(sv.pool()))
		d := sv.stay(p)
		for range n {
			id := m.newPatient(r.Uint64(), kindUrgent, -1, routeAmbulance)
			pt := m.pts.At(id)
			elapsed, remaining := lengthBiased(d, r)
			pt.flags |= fCensus | fWouldAdmit
			pt.admitted = -elapsed
			pt.fit = remaining
			if sv.residents {
				pt.kind = kindResident
			}
			if err := m.do(m.net.Request(id, sv.pool(), 0, m.gr[:0])); err != nil {
				return err
			}
			m.pts.At(id).flags &^= fCensus
		}
	}
	m.censusHomeCare()
	return nil
}

// lengthBiased draws the elapsed and remaining parts of a stay from d found
// in progress: exactly for the exponential, lognormal, gamma and fixed
// families, and for the others by sampling-importance-resampling from 64
// draws (weights proportional to the stay).
func lengthBiased(d *des.Dist, r *rand.Rand) (elapsed, remaining des.Time) {
	var total float64
	switch d.Kind {
	case des.DistFixed:
		total = d.Sample(r)
	case des.DistExponential:
		mean, _ := d.Moments()
		a, b := r.ExpFloat64()*mean, r.ExpFloat64()*mean
		return des.Time(a), des.Time(b)
	case des.DistLogNormal:
		// ln S* ~ N(μ + σ², σ²).
		mean, v := d.Moments()
		s2 := math.Log1p(v / (mean * mean))
		mu := math.Log(mean) - s2/2
		total = math.Exp(mu + s2 + math.Sqrt(s2)*r.NormFloat64())
	case des.DistGamma:
		// S* ~ Gamma(k + 1, θ).
		mean, v := d.Moments()
		g := des.Gamma(mean*mean/v+1, v/mean)
		total = g.Sample(r)
	default:
		var xs [64]float64
		sum := 0.0
		for i := range xs {
			xs[i] = max(0, d.Sample(r))
			sum += xs[i]
		}
		x := r.Float64() * sum
		for _, v := range xs {
			total = v
			if x < v {
				break
			}
			x -= v
		}
	}
	u := r.Float64()
	return des.Time(u * total), des.Time((1 - u) * total)
}

// Census is a bed pool that census fills at the start of the warm-up:
// the parameter paths of its beds and of its beds occupied at the start.
type Census struct {
	Beds, Occupied string
}

// Censuses returns the bed pools that have a census, in the order of the
// service table: services.acute, services.intermediate_care and
// services.care_homes, each with its beds and occupied.
func Censuses() []Census {
	var out []Census
	for _, s := range services {
		if s.occupied != nil {
			out = append(out, Census{Beds: s.path("beds"), Occupied: s.path("occupied")})
		}
	}
	return out
}
