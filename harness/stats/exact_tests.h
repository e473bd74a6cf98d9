// Classical exact tests for counts and paired samples, used by the signals that produce
// binary agreements (greedy next-token agreement: McNemar), identity-claim rates (Fisher,
// binomial) and as a rank-based alternative to the sign-flip test (Wilcoxon).
//
// Conventions shared by every function here:
//  - `Alternative::kGreater` is the one-sided test the provenance questions ask ("S agrees
//    with T more than with C"); kTwoSided is offered for diagnostics.
//  - Two-sided p-values of the discrete tests (binomial, Fisher) use the "minimum
//    likelihood" rule: sum the probabilities of every outcome no more likely than the
//    observed one (with a 1e-7 relative tolerance, so equal-probability outcomes computed
//    in different ways count alike). For the symmetric McNemar and Wilcoxon cases this is
//    twice the smaller tail, capped at 1.
//  - Invalid counts (negative, k > n, p0 outside [0, 1]) are programming errors and raise
//    std::invalid_argument. Empty data gives p = NaN (there is no evidence either way).
// Pure functions; thread-safe.
#pragma once

#include <vector>

namespace kinship {

enum class Alternative { kGreater, kLess, kTwoSided };

// Exact binomial test of k successes in n trials against success probability p0.
// kGreater: H1 p > p0, p-value P(X >= k).
double BinomialTestP(int k, int n, double p0, Alternative alternative);

// Exact McNemar test on the discordant counts of paired binary outcomes:
// b = prompts where S agrees with T but not with C, c = the reverse. Conditionally on
// b + c, b ~ Binomial(b + c, 1/2) under H0. kGreater: H1 "b is the larger" (S closer to T).
double McNemarExactP(int b, int c, Alternative alternative);

// Fisher's exact test on the 2x2 table [[a, b], [c, d]] (rows: groups, columns:
// outcome yes/no), conditional on the margins (hypergeometric). kGreater: H1 odds ratio
// > 1, i.e. row 1 says "yes" more often.
double FisherExactP(int a, int b, int c, int d, Alternative alternative);

struct WilcoxonResult {
  double statistic = 0;     // V = sum of the ranks of the positive differences
  double p_value = 0;       // NaN when every difference is zero or missing
  int n = 0;                // non-zero, non-missing differences (the ones ranked)
  bool exact = false;       // exact permutation distribution, else normal approximation
};

// Wilcoxon signed-rank test of paired differences (H0: symmetric about 0).
// NaN entries are dropped; zero differences are dropped before ranking (Wilcoxon's
// convention). Tied |d| get mid-ranks. For n <= exact_up_to_n the p-value is exact even
// with ties: the null distribution is enumerated on the actual (doubled, hence integer)
// mid-ranks by dynamic programming. Beyond that, the normal approximation with the tie
// correction of the variance and a continuity correction of 1/2.
WilcoxonResult WilcoxonSignedRank(const std::vector<double>& diffs, Alternative alternative,
                                  int exact_up_to_n = 50);

}  // namespace kinship
