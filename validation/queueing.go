package validation

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ErrUnstable is returned, wrapped, when a queue's offered load is too high
// for it to have a stationary distribution. Match it with [errors.Is].
var ErrUnstable = errors.New("validation: unstable queue")

// ErlangB returns the blocking probability of the M/M/c/c loss system
// (Erlang's loss formula, Erlang B) with c servers and offered load a = λ/μ
// erlangs:
//
//	B(c, a) = (aᶜ / c!) / Σ_{k=0..c} aᵏ / k!
//
// (Kleinrock 1975, ch. 3, the M/M/m/m system; Gross et al. 2008, ch. 2,
// Erlang's loss formula). It is computed with the recurrence
//
//	B(0, a) = 1,   B(k, a) = a B(k−1, a) / (k + a B(k−1, a)),
//
// (D. L. Jagerman, Some properties of the Erlang loss function, Bell System
// Technical Journal 53, 1974), in which every term lies in [0, 1], so that
// nothing overflows however large c and a are. It takes O(c) time.
//
// ErlangB returns NaN if c < 0 or if a is negative, NaN or infinite.
// The formula is insensitive to the service distribution: it holds for
// M/G/c/c with a = λ E[S].
func ErlangB(c int, a float64) float64 {
	if c < 0 || !(a >= 0) || math.IsInf(a, 1) {
		return math.NaN()
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		ab := a * b
		b = ab / (float64(k) + ab)
	}
	return b
}

// ErlangC returns the probability that an arrival has to wait in the M/M/c
// queue (Erlang's delay formula, Erlang C) with c servers and offered load
// a = λ/μ erlangs, which must satisfy a < c for the queue to be stable:
//
//	C(c, a) = (aᶜ/c! · c/(c−a)) / (Σ_{k=0..c−1} aᵏ/k! + aᶜ/c! · c/(c−a))
//
// (Kleinrock 1975, ch. 3, the M/M/m system; Gross et al. 2008, ch. 2).
// It is computed from Erlang B, which keeps it stable for large c:
//
//	C(c, a) = c B(c, a) / (c − a (1 − B(c, a)))
//
// ErlangC returns NaN if c < 1, if a is negative, NaN or infinite, or if
// a >= c. It takes O(c) time.
func ErlangC(c int, a float64) float64 {
	if c < 1 || !(a >= 0) || a >= float64(c) {
		return math.NaN()
	}
	b := ErlangB(c, a)
	fc := float64(c)
	return fc * b / (fc - a*(1-b))
}

// truncPoisson returns the probability of n under the Poisson distribution
// with mean a truncated to {0, …, m}:
//
//	P(n) = (aⁿ/n!) / Σ_{k=0..m} aᵏ/k!
//
// It works in log space, so that neither large a nor large m overflows, and
// takes O(m) time.
func truncPoisson(n, m int, a float64) float64 {
	if n < 0 || n > m {
		return 0
	}
	if a == 0 {
		if n == 0 {
			return 1
		}
		return 0
	}
	la := math.Log(a)
	logTerm := func(k int) float64 {
		lg, _ := math.Lgamma(float64(k) + 1)
		return float64(k)*la - lg
	}
	// The largest term is at k = min(m, ⌊a⌋); factor it out before summing.
	top := logTerm(min(m, int(math.Floor(a))))
	var sum float64
	for k := 0; k <= m; k++ {
		sum += math.Exp(logTerm(k) - top)
	}
	return math.Exp(logTerm(n) - top - math.Log(sum))
}

// paramErr reports a parameter outside its domain.
func paramErr(model, field string, v any, want string) error {
	return fmt.Errorf("validation: %s: %s = %v: must be %s", model, field, v, want)
}

// rateErrs checks the arrival and service rates that every Markovian
// queue here shares.
func rateErrs(model string, lambda, mu float64) []error {
	var errs []error
	if !nonNegative(lambda) {
		errs = append(errs, paramErr(model, "Lambda", lambda, ">= 0 and finite"))
	}
	if !positive(mu) {
		errs = append(errs, paramErr(model, "Mu", mu, "> 0 and finite"))
	}
	return errs
}

func nonNegative(x float64) bool { return x >= 0 && !math.IsInf(x, 1) }
func positive(x float64) bool    { return x > 0 && !math.IsInf(x, 1) }

// MMc is the M/M/c queue: Poisson arrivals at rate Lambda, C identical
// servers with exponential service times of rate Mu, and an unbounded FIFO
// queue. In caresim terms the servers are beds and service is a length of
// stay with mean 1/Mu days.
//
// The zero value is not a valid queue; [MMc.Validate] says why. Every method
// except Load and Rho returns NaN when Validate reports an error, including
// when the queue is unstable (ρ = λ/(cμ) >= 1). An MMc is a plain value and
// is safe for concurrent use.
//
// The formulas are from Kleinrock (1975), ch. 3, and Gross et al. (2008),
// ch. 2. With a = λ/μ, ρ = a/c and C = [ErlangC](c, a):
//
//	P(wait)    = C
//	Lq         = C ρ / (1 − ρ)
//	Wq         = C / (cμ − λ)        = Lq / λ   (Little's law)
//	W          = Wq + 1/μ
//	L          = λ W                 = Lq + a
//	P(Wq > t)  = C e^{−(cμ−λ) t},    t >= 0
type MMc struct {
	Lambda float64 // arrival rate, per unit time (per day in caresim); >= 0
	Mu     float64 // service rate of one server, per unit time; > 0
	C      int     // number of servers (beds); >= 1
}

// Validate reports whether q describes a stable M/M/c queue. It returns
// every parameter problem, joined, or an error wrapping [ErrUnstable] if the
// parameters are valid but ρ = λ/(cμ) >= 1.
func (q MMc) Validate() error {
	errs := rateErrs("M/M/c", q.Lambda, q.Mu)
	if q.C < 1 {
		errs = append(errs, paramErr("M/M/c", "C", q.C, ">= 1"))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if rho := q.Rho(); rho >= 1 {
		return fmt.Errorf("%w: M/M/c with ρ = λ/(cμ) = %g >= 1", ErrUnstable, rho)
	}
	return nil
}

// Load returns the offered load a = λ/μ in erlangs (the mean number of busy
// servers when the queue is stable). It is defined for unstable queues too.
func (q MMc) Load() float64 { return q.Lambda / q.Mu }

// Rho returns the server utilisation ρ = λ/(cμ). It is defined for unstable
// queues too; the queue is stable only if ρ < 1.
func (q MMc) Rho() float64 { return q.Lambda / (float64(q.C) * q.Mu) }

// PWait returns the probability that an arrival has to wait, Erlang C.
func (q MMc) PWait() float64 {
	if q.Validate() != nil {
		return math.NaN()
	}
	return ErlangC(q.C, q.Load())
}

// Lq returns the mean number waiting in the queue (not in service).
func (q MMc) Lq() float64 {
	rho := q.Rho()
	return q.PWait() * rho / (1 - rho)
}

// Wq returns the mean time an arrival waits before service starts, in the
// time unit of the rates.
func (q MMc) Wq() float64 {
	return q.PWait() / (float64(q.C)*q.Mu - q.Lambda)
}

// L returns the mean number in the system, waiting or in service.
func (q MMc) L() float64 { return q.Lq() + q.Load() }

// W returns the mean time in the system (waiting plus service), in the time
// unit of the rates.
func (q MMc) W() float64 { return q.Wq() + 1/q.Mu }

// PWaitLonger returns P(Wq > t), the probability that an arrival waits longer
// than t before service starts (FIFO). It is 1 for t < 0.
func (q MMc) PWaitLonger(t float64) float64 {
	c := q.PWait()
	switch {
	case math.IsNaN(c) || math.IsNaN(t):
		return math.NaN()
	case t < 0:
		return 1
	}
	return c * math.Exp(-(float64(q.C)*q.Mu-q.Lambda)*t)
}

// WaitQuantile returns the p-quantile of the waiting time before service
// (FIFO), the smallest t with P(Wq <= t) >= p:
//
//	t = 0                          if p <= 1 − C
//	t = ln(C / (1 − p)) / (cμ − λ) otherwise
//
// It returns +Inf for p = 1 when C > 0, and NaN if p is outside [0, 1].
func (q MMc) WaitQuantile(p float64) float64 {
	c := q.PWait()
	switch {
	case math.IsNaN(c) || !(p >= 0 && p <= 1):
		return math.NaN()
	case p <= 1-c:
		return 0
	}
	return math.Log(c/(1-p)) / (float64(q.C)*q.Mu - q.Lambda)
}

// PMF returns the stationary probability that there are n in the system.
// Below c it is the Poisson distribution with mean a truncated to
// {0, …, c−1}, scaled to the probability of not waiting; from c on it is
// geometric:
//
//	P(n) = (1 − C) (aⁿ/n!) / Σ_{k=0..c−1} aᵏ/k!,   0 <= n < c
//	P(n) = C (1 − ρ) ρ^{n−c},                       n >= c
//
// It takes O(c) time.
func (q MMc) PMF(n int) float64 {
	c := q.PWait()
	switch {
	case math.IsNaN(c):
		return math.NaN()
	case n < 0:
		return 0
	case n < q.C:
		return (1 - c) * truncPoisson(n, q.C-1, q.Load())
	}
	rho := q.Rho()
	return c * (1 - rho) * math.Pow(rho, float64(n-q.C))
}

// MMcc is the M/M/c/c loss system: Poisson arrivals at rate Lambda, C servers
// with exponential service times of rate Mu, and no queue, so that an arrival
// who finds every server busy is lost. Its results hold for any service
// distribution with mean 1/Mu (M/G/c/c is insensitive; Gross et al. 2008).
//
// The zero value is a system with no servers that loses every arrival. Every
// method returns NaN when [MMcc.Validate] reports an error. An MMcc is a plain
// value and is safe for concurrent use.
//
// With a = λ/μ and B = [ErlangB](c, a) (Kleinrock 1975, ch. 3):
//
//	P(blocked)      = B
//	throughput      = λ (1 − B)
//	mean occupancy  = a (1 − B)
//	P(n busy)       = (aⁿ/n!) / Σ_{k=0..c} aᵏ/k!,   0 <= n <= c
type MMcc struct {
	Lambda float64 // arrival rate, per unit time (per day in caresim); >= 0
	Mu     float64 // service rate of one server, per unit time; > 0
	C      int     // number of servers (beds); >= 0
}

// Validate reports every parameter problem of s, joined, or nil. A loss
// system is stable for every load.
func (s MMcc) Validate() error {
	errs := rateErrs("M/M/c/c", s.Lambda, s.Mu)
	if s.C < 0 {
		errs = append(errs, paramErr("M/M/c/c", "C", s.C, ">= 0"))
	}
	return errors.Join(errs...)
}

// Load returns the offered load a = λ/μ in erlangs.
func (s MMcc) Load() float64 {
	if s.Validate() != nil {
		return math.NaN()
	}
	return s.Lambda / s.Mu
}

// Blocking returns the probability that an arrival is lost, Erlang B. By
// PASTA it is also the fraction of time all servers are busy.
func (s MMcc) Blocking() float64 { return ErlangB(s.C, s.Load()) }

// Throughput returns the rate of accepted arrivals, λ (1 − B), per unit time.
func (s MMcc) Throughput() float64 { return s.Lambda * (1 - s.Blocking()) }

// MeanOccupancy returns the mean number of busy servers, a (1 − B).
func (s MMcc) MeanOccupancy() float64 { return s.Load() * (1 - s.Blocking()) }

// PMF returns the stationary probability that n servers are busy, the
// Poisson distribution with mean a truncated to {0, …, c}. It takes O(c)
// time.
func (s MMcc) PMF(n int) float64 {
	a := s.Load()
	if math.IsNaN(a) {
		return math.NaN()
	}
	return truncPoisson(n, s.C, a)
}

// MGInf is the M/G/∞ system: Poisson arrivals at rate Lambda, each staying
// for an independent time with mean MeanService drawn from any distribution,
// with no limit on the number present. In caresim terms it is a service with
// no capacity constraint. In steady state the number present is Poisson with
// mean λ E[S], whatever the distribution of stays (L. Takács, Introduction to
// the Theory of Queues, Oxford University Press, 1962; Gross et al. 2008):
//
//	P(n) = e^{−λE[S]} (λE[S])ⁿ / n!
//
// The zero value is an empty system: every probability sits at n = 0. Every
// method returns NaN (Quantile returns −1) when [MGInf.Validate] reports an
// error. An MGInf is a plain value and is safe for concurrent use.
type MGInf struct {
	Lambda      float64 // arrival rate, per unit time (per day in caresim); >= 0
	MeanService float64 // mean stay, in the time unit of Lambda; >= 0
}

// Validate reports every parameter problem of s, joined, or nil.
func (s MGInf) Validate() error {
	var errs []error
	if !nonNegative(s.Lambda) {
		errs = append(errs, paramErr("M/G/∞", "Lambda", s.Lambda, ">= 0 and finite"))
	}
	if !nonNegative(s.MeanService) {
		errs = append(errs, paramErr("M/G/∞", "MeanService", s.MeanService, ">= 0 and finite"))
	}
	return errors.Join(errs...)
}

// Load returns the offered load λ E[S] in erlangs.
func (s MGInf) Load() float64 {
	if s.Validate() != nil {
		return math.NaN()
	}
	return s.Lambda * s.MeanService
}

// Mean returns the mean number present, λ E[S].
func (s MGInf) Mean() float64 { return s.Load() }

// Variance returns the variance of the number present, λ E[S] (it is
// Poisson).
func (s MGInf) Variance() float64 { return s.Load() }

// PMF returns the stationary probability that n are present.
func (s MGInf) PMF(n int) float64 {
	a := s.Load()
	switch {
	case math.IsNaN(a):
		return math.NaN()
	case n < 0:
		return 0
	case a == 0:
		if n == 0 {
			return 1
		}
		return 0
	}
	return distuv.Poisson{Lambda: a}.Prob(float64(n))
}

// CDF returns the stationary probability that at most n are present.
func (s MGInf) CDF(n int) float64 {
	a := s.Load()
	switch {
	case math.IsNaN(a):
		return math.NaN()
	case n < 0:
		return 0
	case a == 0:
		return 1
	}
	return distuv.Poisson{Lambda: a}.CDF(float64(n))
}

// Quantile returns the p-quantile of the number present, the smallest n with
// P(N <= n) >= p. It returns −1 if p is outside [0, 1) or s is invalid. It
// starts at the mean and steps one at a time, so it takes about
// O(z √(λE[S])) CDF evaluations for a quantile z standard deviations away.
func (s MGInf) Quantile(p float64) int {
	a := s.Load()
	if math.IsNaN(a) || !(p >= 0 && p < 1) {
		return -1
	}
	if a == 0 {
		return 0
	}
	n := int(math.Floor(a))
	for n > 0 && s.CDF(n-1) >= p {
		n--
	}
	for s.CDF(n) < p {
		n++
	}
	return n
}
