#include "harness/stats/auc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "harness/stats/bootstrap.h"

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double AucFromLabels(const std::vector<double>& scores, const std::vector<bool>& labels) {
  if (scores.size() != labels.size()) {
    throw std::invalid_argument("AucFromLabels: scores and labels differ in length");
  }
  std::vector<std::pair<double, bool>> items;
  items.reserve(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!std::isnan(scores[i])) items.emplace_back(scores[i], labels[i]);
  }
  std::sort(items.begin(), items.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  // U = (sum of the positives' mid-ranks) - n_pos (n_pos + 1) / 2.
  double positive_rank_sum = 0;
  double positives = 0;
  for (std::size_t start = 0; start < items.size();) {
    std::size_t end = start;
    while (end + 1 < items.size() && items[end + 1].first == items[start].first) ++end;
    const double mid_rank = (static_cast<double>(start) + static_cast<double>(end)) / 2 + 1;
    for (std::size_t k = start; k <= end; ++k) {
      if (items[k].second) {
        positive_rank_sum += mid_rank;
        positives += 1;
      }
    }
    start = end + 1;
  }
  const double negatives = static_cast<double>(items.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  const double u = positive_rank_sum - positives * (positives + 1) / 2;
  return u / (positives * negatives);
}

double Auc(const std::vector<double>& positive_scores,
           const std::vector<double>& negative_scores) {
  std::vector<double> scores(positive_scores);
  scores.insert(scores.end(), negative_scores.begin(), negative_scores.end());
  std::vector<bool> labels(scores.size(), false);
  std::fill(labels.begin(), labels.begin() + static_cast<long>(positive_scores.size()), true);
  return AucFromLabels(scores, labels);
}

void Shuffle(Rng& rng, std::vector<bool>& values) {
  for (std::size_t i = values.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng.Below(i));
    const bool tmp = values[i - 1];
    values[i - 1] = values[j];
    values[j] = tmp;
  }
}

std::vector<double> EmpiricalNull(int draws, std::uint64_t seed,
                                  const std::function<double(Rng&)>& null_statistic) {
  std::vector<double> null;
  null.reserve(static_cast<std::size_t>(std::max(draws, 0)));
  Rng rng(seed);
  for (int i = 0; i < draws; ++i) {
    const double value = null_statistic(rng);
    if (!std::isnan(value)) null.push_back(value);
  }
  std::sort(null.begin(), null.end());
  return null;
}

std::vector<double> AucNullDistribution(
    const std::vector<double>& scores, const std::vector<bool>& labels, int draws,
    std::uint64_t seed, const std::function<void(Rng&, std::vector<bool>&)>& relabel) {
  if (scores.size() != labels.size()) {
    throw std::invalid_argument("AucNullDistribution: scores and labels differ in length");
  }
  std::vector<bool> working;
  return EmpiricalNull(draws, seed, [&](Rng& rng) {
    working = labels;
    if (relabel) {
      relabel(rng, working);
    } else {
      Shuffle(rng, working);
    }
    return AucFromLabels(scores, working);
  });
}

double EmpiricalPValue(double observed, const std::vector<double>& sorted_null,
                       bool greater) {
  if (std::isnan(observed) || sorted_null.empty()) return kNaN;
  const auto at_least = static_cast<double>(
      greater ? sorted_null.end() - std::lower_bound(sorted_null.begin(), sorted_null.end(),
                                                     observed)
              : std::upper_bound(sorted_null.begin(), sorted_null.end(), observed) -
                    sorted_null.begin());
  return (1 + at_least) / (static_cast<double>(sorted_null.size()) + 1);
}

NullBand NullBandOf(const std::vector<double>& sorted_null, double level) {
  const double tail = (1 - level) / 2;
  return NullBand{SortedQuantile(sorted_null, tail), SortedQuantile(sorted_null, 0.5),
                  SortedQuantile(sorted_null, 1 - tail)};
}

}  // namespace kinship
