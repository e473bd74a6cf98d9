// Area under the ROC curve for classifier scores, and empirical null distributions.
//
// AUC = P(score of a positive > score of a negative) + 1/2 P(equal), the Mann-Whitney U
// statistic divided by n_pos * n_neg, computed from mid-ranks in O(n log n). Ties count
// one half, so a classifier that gives everyone the same score has AUC exactly 0.5.
//
// Why empirical nulls: a separability AUC between two models' responses is never exactly
// 0.5 even for one model against itself (finite samples, cross-validation noise, prompt
// effects). The reference is therefore the same pipeline run where the labels carry no
// information: a split of one model's responses into two halves (Panfilov's split-half
// null), or a shuffle of the labels within each prompt. `AucNullDistribution` evaluates
// the AUC under any such relabelling supplied by the caller (default: a uniform shuffle
// of all labels); `EmpiricalPValue` and `NullBand` read the result.
//
// Pure functions; thread-safe if the callbacks are; deterministic given the seed.
// Mismatched lengths are programming errors (std::invalid_argument). An empty class gives
// AUC = NaN.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "harness/stats/rng.h"

namespace kinship {

// AUC of positives against negatives.
double Auc(const std::vector<double>& positive_scores,
           const std::vector<double>& negative_scores);

// AUC with labels (true = positive); NaN scores are dropped.
double AucFromLabels(const std::vector<double>& scores, const std::vector<bool>& labels);

// The AUC under `draws` null relabellings. relabel(rng, labels) rewrites `labels` in
// place (it starts each draw from the original labels); when empty, a Fisher-Yates
// shuffle of all labels. Returned ascending.
std::vector<double> AucNullDistribution(
    const std::vector<double>& scores, const std::vector<bool>& labels, int draws,
    std::uint64_t seed,
    const std::function<void(Rng&, std::vector<bool>&)>& relabel = {});

// Any scalar statistic under `draws` null draws (for nulls that need a refit per draw,
// such as Panfilov's split-half classifier AUC). Returned ascending; NaN draws dropped.
std::vector<double> EmpiricalNull(int draws, std::uint64_t seed,
                                  const std::function<double(Rng&)>& null_statistic);

// One-sided empirical p-value of `observed` against an ascending null sample:
// (1 + #{null >= observed}) / (draws + 1) when `greater`, else with <=.
double EmpiricalPValue(double observed, const std::vector<double>& sorted_null,
                       bool greater = true);

struct NullBand {
  double low = 0;
  double median = 0;
  double high = 0;
};

// The central `level` band of an ascending null sample (type-7 quantiles).
NullBand NullBandOf(const std::vector<double>& sorted_null, double level = 0.95);

// Fisher-Yates shuffle with the project generator (reproducible across platforms, unlike
// std::shuffle).
void Shuffle(Rng& rng, std::vector<bool>& values);

}  // namespace kinship
