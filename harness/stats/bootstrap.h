// Prompt-level (cluster) bootstrap percentile confidence intervals.
//
// The prompt is the unit of analysis (ARCHITECTURE.md decision 5): samples of one prompt
// share the prompt's difficulty and topic, so resampling individual samples would
// understate the uncertainty. The signals have already averaged samples within a prompt,
// so here a resample draws n prompt indices with replacement and the caller's statistic
// is evaluated on them. The interval is the percentile interval of the B replicate values
// (type-7 quantile interpolation). Percentile rather than BCa: BCa needs a jackknife of
// the statistic (n more evaluations, 800 here) and its acceleration estimate is itself
// noisy; for means and differences of means over hundreds of prompts the two agree to
// well within the Monte-Carlo error.
//
// Replicates where the statistic is NaN (e.g. a ratio whose denominator vanished in that
// resample) are dropped; `valid_resamples` says how many remained, and if fewer than half
// remain the interval is NaN (the statistic is too unstable to bound).
//
// Thread-safe if the statistic is; deterministic given (n, statistic, options). Never
// throws except what the statistic throws. n = 0 gives a NaN interval.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace kinship {

struct BootstrapOptions {
  int resamples = 2000;       // B; >= 2000 for a reported 95% interval, fewer for speed
  std::uint64_t seed = 1;
  double level = 0.95;
};

struct BootstrapInterval {
  double estimate = 0;        // the statistic on the original prompts (indices 0..n-1)
  double low = 0;
  double high = 0;
  int valid_resamples = 0;
};

// statistic(indices) -> value, where indices has n entries in [0, n) (with repeats).
BootstrapInterval ClusterBootstrapCi(
    int n_prompts, const std::function<double(const std::vector<int>&)>& statistic,
    const BootstrapOptions& options = {});

// Several statistics from the same resamples (so their intervals are jointly consistent
// and the resampling cost is paid once): statistic(indices, out) writes `count` values.
std::vector<BootstrapInterval> ClusterBootstrapCis(
    int n_prompts, int count,
    const std::function<void(const std::vector<int>&, std::vector<double>&)>& statistic,
    const BootstrapOptions& options = {});

// Type-7 quantile (linear interpolation, as R's default) of an ascending-sorted vector.
double SortedQuantile(const std::vector<double>& sorted, double q);

}  // namespace kinship
