// One-sided paired sign-flip permutation test of "the mean paired difference is > 0".
//
// Input: one difference per prompt, d_p = sim(S,T; p) - sim(S,C; p) (or any paired
// difference). Under H0 the two members of each pair are exchangeable, so each d_p is
// symmetric about 0 and flipping its sign leaves the distribution unchanged; the null
// distribution of the mean is that of the mean over all 2^n sign patterns. This is exact
// for any n, needs no normality (similarities are bounded, skewed, often zero-inflated),
// and respects the pairing by prompt (ARCHITECTURE.md decision 5).
//
//   statistic = mean of the non-missing d_p
//   exact  (n_nonzero <= exact_up_to_n): p = #{patterns with mean >= observed} / 2^n
//   Monte Carlo otherwise:               p = (1 + #{draws with mean >= observed}) / (B + 1)
// The Monte-Carlo form counts the observed pattern as one draw, so p is never 0 and the
// test is valid (not merely asymptotically) at every B (Phipson & Smyth 2010).
//
// Details that matter:
//  - NaN entries are missing prompts and are dropped (pairwise-complete analysis); `n`
//    reports how many remained.
//  - Zero differences are kept in n and in the mean, but they cannot change under a flip,
//    so they are left out of the enumeration: every pattern of the non-zero entries occurs
//    2^zeros times, which leaves the exact p unchanged. So "exact" is decided on the number
//    of non-zero differences.
//  - Ties (a permuted mean equal to the observed one, e.g. d = {1, -1}) count as ">=". The
//    comparison allows a relative slack of 1e-10 * sum|d| so that floating-point summation
//    order cannot turn a true tie into a strict inequality.
//  - Speed: a flip pattern is a string of random bits, 64 per generator call; each byte of
//    it indexes a 256-entry table of precomputed partial sums of 8 differences, so a draw
//    costs n/8 table look-ups (eight independent accumulators). 800 prompts x 10,000 draws
//    measured 0.4 ms of CPU. The tables live in a thread-local buffer that only grows.
//
// Pure function; thread-safe; deterministic given (diffs, options). Never throws. With no
// non-missing entry it returns n = 0 and p = NaN.
#pragma once

#include <cstdint>
#include <vector>

namespace kinship {

struct PermutationOptions {
  int iterations = 10000;     // B, Monte-Carlo draws
  std::uint64_t seed = 1;     // recorded with the result for reproducibility
  int exact_up_to_n = 20;     // enumerate all 2^n patterns when n_nonzero <= this (max 30)
};

struct PermutationResult {
  double statistic = 0;       // mean difference over the n non-missing prompts
  double p_value = 0;         // one-sided, H1: mean > 0; NaN when n == 0
  int n = 0;                  // non-missing prompts
  bool exact = false;         // true: full enumeration; false: B Monte-Carlo draws
  int iterations = 0;         // draws used (2^n_nonzero when exact)
};

PermutationResult PairedSignFlipTest(const std::vector<double>& diffs,
                                     const PermutationOptions& options = {});

}  // namespace kinship
