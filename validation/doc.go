// Package validation checks caresim's engine and model against analytic
// queueing results and reference figures.
//
// # What it is
//
// This part of the package is pure mathematics: closed forms and exact
// Markov-chain solutions that a simulation can be compared with.
//
//   - [ErlangB] and [ErlangC], computed by stable recurrences.
//   - [MMc] (the M/M/c queue: waiting probability, mean queue and wait,
//     waiting-time tail and quantiles), [MMcc] (the M/M/c/c loss system) and
//     [MGInf] (the M/G/∞ system, whose occupancy is Poisson).
//   - [Stationary], the exact stationary distribution of a finite
//     continuous-time Markov chain, with [Generator] to build its generator
//     matrix from a list of transitions.
//   - [Tandem], a two-stage bed network with an unbounded queue at stage 1 and
//     blocking after service between the stages, solved exactly by the
//     matrix-geometric method.
//
// All times are in whatever unit the rates are given in; caresim uses days.
//
// The other part runs the simulator against that mathematics and against
// published figures, returning one [Check] per comparison:
//
//   - [KernelChecks] runs textbook queues on the kernel (caresim/sim/des)
//     and checks Erlang C, Erlang B, M/G/∞, the blocking tandem and
//     Little's law.
//   - [ModelChecks] runs the built-in textbook scenarios through the whole
//     care model (caresim/sim/care) against the same results, and the
//     built-in baseline against [BaselineTargets]: Mid-Nottinghamshire's
//     population, A&E attendances and their type 3 share, emergency
//     admissions, length of stay, occupancy and delays in 2014/15, each
//     with its source and tolerance.
//
// # What it is not
//
// The mathematical functions return NaN or an error for inputs outside
// their domain; they never panic on bad parameters. Nothing here writes
// files or prints: caresim validate does that with the checks.
//
// # Sources
//
//   - L. Kleinrock, Queueing Systems, Volume 1: Theory, Wiley, 1975, ch. 3.
//   - D. Gross, J. F. Shortle, J. M. Thompson and C. M. Harris, Fundamentals
//     of Queueing Theory, 4th ed., Wiley, 2008, ch. 2.
//   - M. F. Neuts, Matrix-Geometric Solutions in Stochastic Models, Johns
//     Hopkins University Press, 1981, ch. 3.
//   - G. Latouche and V. Ramaswami, Introduction to Matrix Analytic Methods in
//     Stochastic Modeling, ASA-SIAM, 1999.
//   - G. Latouche and V. Ramaswami, A logarithmic reduction algorithm for
//     quasi-birth-death processes, Journal of Applied Probability 30, 1993.
//   - D. P. Gaver, P. A. Jacobs and G. Latouche, Finite birth-and-death
//     models in randomly changing environments, Advances in Applied
//     Probability 16, 1984.
package validation
