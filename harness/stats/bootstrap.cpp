#include "harness/stats/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "harness/stats/rng.h"

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double SortedQuantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::vector<BootstrapInterval> ClusterBootstrapCis(
    int n_prompts, int count,
    const std::function<void(const std::vector<int>&, std::vector<double>&)>& statistic,
    const BootstrapOptions& options) {
  std::vector<BootstrapInterval> intervals(static_cast<std::size_t>(std::max(count, 0)),
                                           BootstrapInterval{kNaN, kNaN, kNaN, 0});
  if (n_prompts <= 0 || count <= 0) return intervals;

  std::vector<int> indices(static_cast<std::size_t>(n_prompts));
  std::vector<double> values(static_cast<std::size_t>(count));
  for (int i = 0; i < n_prompts; ++i) indices[static_cast<std::size_t>(i)] = i;
  statistic(indices, values);
  for (int k = 0; k < count; ++k) intervals[k].estimate = values[k];

  const int resamples = std::max(options.resamples, 1);
  std::vector<std::vector<double>> replicates(static_cast<std::size_t>(count));
  for (auto& r : replicates) r.reserve(static_cast<std::size_t>(resamples));
  Rng rng(options.seed);
  for (int b = 0; b < resamples; ++b) {
    for (int& index : indices) {
      index = static_cast<int>(rng.Below(static_cast<std::uint64_t>(n_prompts)));
    }
    statistic(indices, values);
    for (int k = 0; k < count; ++k) {
      if (!std::isnan(values[k])) replicates[k].push_back(values[k]);
    }
  }

  const double tail = (1 - options.level) / 2;
  for (int k = 0; k < count; ++k) {
    std::vector<double>& r = replicates[k];
    intervals[k].valid_resamples = static_cast<int>(r.size());
    if (2 * r.size() < static_cast<std::size_t>(resamples)) continue;
    std::sort(r.begin(), r.end());
    intervals[k].low = SortedQuantile(r, tail);
    intervals[k].high = SortedQuantile(r, 1 - tail);
  }
  return intervals;
}

BootstrapInterval ClusterBootstrapCi(
    int n_prompts, const std::function<double(const std::vector<int>&)>& statistic,
    const BootstrapOptions& options) {
  return ClusterBootstrapCis(
      n_prompts, 1,
      [&](const std::vector<int>& indices, std::vector<double>& out) {
        out[0] = statistic(indices);
      },
      options)[0];
}

}  // namespace kinship
