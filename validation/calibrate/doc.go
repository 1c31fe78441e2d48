// Package calibrate fits a scenario's uncertain parameters to observed
// data by history matching: it rules out the parameter values at which
// the model cannot reproduce what was observed, given how far the
// observations, the model and its randomness can be trusted, wave by
// wave, and keeps the rest.
//
// # History matching
//
// Each wave runs the simulator at the points of a space-filling design
// ([Design], a maximin Latin hypercube) over the region not yet ruled
// out (the whole box of the ranges in the first wave). At each point x,
// each observed value z (an output) is set beside the simulated values
// over the replications, of mean E[f(x)] and variance V_sim, through its
// implausibility ([Implausibility]):
//
//	I(x) = |z − E[f(x)]| / √(V_obs + V_md + V_sim·(1 + 1/n))
//
// where V_obs is the observation error's variance, V_md the model
// discrepancy's, both stated as a coefficient of variation of z
// ([Variances]), and V_sim·(1 + 1/n) the variance of one realisation of
// the model about the mean of n replications: the observed world is one
// realisation, as one replication is (the ensemble variability of
// Andrianakis et al. 2015), and the mean of n replications is itself
// uncertain by V_sim/n. A series (a measure by month or by financial
// year) takes the largest implausibility of its outputs; a point is
// non-implausible when the largest (or, with Rank 2, the second
// largest) of its series' implausibilities is at most the cut, 3 by
// Pukelsheim's three-sigma rule: any unimodal distribution puts at least
// 95% of its mass within three standard deviations of its mean
// (Pukelsheim 1994).
//
// The next wave's region ([Refocus]) is the smallest box that holds the
// non-implausible points, widened on each side by the spacing of the
// wave's design (the distance between neighbouring points, a share
// n^(−1/d) of each range for n points and d parameters: the resolution
// at which the design looked) and kept inside the wave's own box, so that it never grows: the region shrinks,
// or stays, wave by wave. When no point is non-implausible, the model
// cannot match the data within the variances stated anywhere the design
// looked, and the calibration says so.
//
// History matching as Craig et al. (1997) and Vernon, Goldstein and
// Bower (2010) set it out fits an emulator (a Gaussian process) to each
// wave's runs and rules out the space through it, which lets a wave look
// at millions of points. This package runs the simulator at every design
// point instead: a wave sees only its points, and the region it keeps is
// the box around them, an outer bound of the non-implausible set, not its
// shape.
//
// References:
//
//   - Craig, Goldstein, Seheult and Smith (1997), Pressure matching for
//     hydrocarbon reservoirs: a case study in the use of Bayes linear
//     strategies for large computer experiments. Case Studies in Bayesian
//     Statistics 3, 37–93. https://doi.org/10.1007/978-1-4612-2290-3_2
//   - Vernon, Goldstein and Bower (2010), Galaxy formation: a Bayesian
//     uncertainty analysis. Bayesian Analysis 5(4), 619–669.
//     https://doi.org/10.1214/10-BA524
//   - Andrianakis et al. (2015), Bayesian history matching of complex
//     infectious disease models using emulation: a tutorial and a case
//     study on HIV in Uganda. PLoS Computational Biology 11(1), e1003968.
//     https://doi.org/10.1371/journal.pcbi.1003968
//   - Pukelsheim (1994), The three sigma rule. The American Statistician
//     48(2), 88–91. https://doi.org/10.1080/00031305.1994.10476030
//   - McKay, Beckman and Conover (1979), A comparison of three methods
//     for selecting values of input variables in the analysis of output
//     from a computer code. Technometrics 21(2), 239–245.
//     https://doi.org/10.1080/00401706.1979.10489755
//   - Johnson, Moore and Ylvisaker (1990), Minimax and maximin distance
//     designs. Journal of Statistical Planning and Inference 26(2),
//     131–148. https://doi.org/10.1016/0378-3758(90)90122-B
//   - Kennedy and O'Hagan (2001), Bayesian calibration of computer
//     models. Journal of the Royal Statistical Society B 63(3), 425–464.
//     https://doi.org/10.1111/1467-9868.00294
//   - Morris and Mitchell (1995), Exploratory designs for computational
//     experiments. Journal of Statistical Planning and Inference 43(3),
//     381–402. https://doi.org/10.1016/0378-3758(94)00035-T
//
// The package does not run simulations, read observed files or write
// results: caresim calibrate runs each wave as a sweep (package sim),
// sets its runs beside the observed data (package observed), and writes
// calibrate.csv, ranges.csv and the calibrated scenario.
package calibrate
