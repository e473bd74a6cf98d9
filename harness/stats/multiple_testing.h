// Multiplicity adjustment and p-value combination.
//
// Three different questions, three tools:
//  - "Is S closer to T than to *every* control?" is an intersection-union test (IUT,
//    Berger 1982): H0 is the union of the per-control nulls, and it is rejected at level
//    alpha only if every per-control test rejects at alpha. Its p-value is the max of the
//    per-control p-values, with no multiplicity inflation: to wrongly reject, *all* tests
//    would have to err, and the union null is true as soon as one of them is, so the
//    probability is bounded by that single test's alpha. IntersectionUnionP.
//  - "Which controls are beaten?" is a family of J claims, so the per-control p-values
//    are shown Holm-adjusted (Holm 1979; uniformly more powerful than Bonferroni, valid
//    under any dependence): a reader can cite "S beats control j" individually. HolmAdjust.
//    Benjamini-Hochberg (false discovery rate, valid under positive dependence) is for
//    exploratory drill-downs such as per-prompt lists, never for a verdict.
//  - "Does the evidence across signals add up?" The signals are computed from the same
//    responses and are strongly positively dependent, so Fisher's and Stouffer's methods
//    (which assume independence) are anti-conservative. Two combinations stay valid under
//    dependence:
//      * Cauchy combination (Liu & Xie 2020): T = sum w_i tan((0.5 - p_i) pi) with
//        sum w_i = 1; p = 0.5 - arctan(T)/pi. The tail of T is approximately standard
//        Cauchy under arbitrary dependence, and the approximation is most accurate
//        exactly where it matters (small p). This is the DEFAULT: no tuning, no
//        correction factor, closed form, and dominated by the strongest signals.
//      * Harmonic-mean p (Wilson 2019): HMP = sum w_i / sum (w_i / p_i). The raw HMP is
//        anti-conservative as a p-value; Wilson's exact calibration needs the Landau
//        distribution. We expose the raw HMP (for display) and a version valid under any
//        dependence, e * ln(L) * HMP (Vovk & Wang 2020, L >= 3), which is conservative.
//    Both are dominated by the smallest p-values, which is what we want: one strong
//    channel should not be diluted by several weak ones.
//
// NaN p-values mean "not computed" and are ignored (they neither count in the family size
// nor receive an adjusted value other than NaN). p-values are clamped to [0, 1].
// Pure functions; thread-safe. They throw std::invalid_argument only on programming errors
// (weights of the wrong length, negative weights).
#pragma once

#include <vector>

namespace kinship {

// Holm step-down adjusted p-values, in input order.
std::vector<double> HolmAdjust(const std::vector<double>& p);

// Benjamini-Hochberg step-up adjusted p-values (q-values), in input order.
std::vector<double> BenjaminiHochbergAdjust(const std::vector<double>& p);

// Cauchy combination. Empty weights = equal weights; weights are normalised to sum 1.
// Stable at the extremes: p = 0 gives 0; p = 1e-300 gives 1e-300 for a single input;
// p = 1 is clamped to 1 - 1e-15 so that one useless signal cannot produce -infinity.
double CauchyCombination(const std::vector<double>& p, const std::vector<double>& weights = {});

// Raw weighted harmonic mean of the p-values (Wilson's HMP statistic, not a valid p-value).
double HarmonicMeanP(const std::vector<double>& p, const std::vector<double>& weights = {});

// Equal-weight HMP made valid under arbitrary dependence: min(1, c_L * HMP) with
// c_L = e ln L for L >= 3, and c_L = L for L <= 2 (Bonferroni-like; HMP >= min p).
double HarmonicMeanPValid(const std::vector<double>& p);

// Intersection-union p-value: the max (NaN if any input is NaN, since a missing test
// cannot be counted as rejected; NaN for an empty list).
double IntersectionUnionP(const std::vector<double>& p);

}  // namespace kinship
