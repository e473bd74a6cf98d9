#include "harness/compare/output_drift.h"

#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "harness/analysis/builtin_measures.h"
#include "harness/stats/auc.h"
#include "harness/stats/exact_tests.h"
#include "harness/stats/rng.h"

namespace kinship {

namespace {

// One prompt's pooled answers: similarity matrix and the run labels.
struct PromptPool {
  int n = 0;
  std::vector<double> similarity;  // n x n, symmetric
  std::vector<bool> baseline;      // label per answer
};

// d_p for a labelling.
double WithinMinusBetween(const PromptPool& pool, const std::vector<bool>& labels,
                          double* within_out = nullptr, double* between_out = nullptr) {
  double within = 0, between = 0;
  int n_within = 0, n_between = 0;
  for (int i = 0; i < pool.n; ++i) {
    for (int j = i + 1; j < pool.n; ++j) {
      double s = pool.similarity[static_cast<std::size_t>(i * pool.n + j)];
      if (labels[i] == labels[j]) {
        within += s;
        ++n_within;
      } else {
        between += s;
        ++n_between;
      }
    }
  }
  within /= n_within;
  between /= n_between;
  if (within_out) *within_out = within;
  if (between_out) *between_out = between;
  return within - between;
}

double MeanStatistic(const std::vector<PromptPool>& pools, const std::vector<std::vector<bool>>& labels) {
  double sum = 0;
  for (std::size_t p = 0; p < pools.size(); ++p) sum += WithinMinusBetween(pools[p], labels[p]);
  return sum / static_cast<double>(pools.size());
}

ModelDrift ExactMatch(const ModelAlignment& model, const DriftOptions& options) {
  ModelDrift d;
  d.model = model.model;
  int matches = 0, n = 0;
  bool greedy = true;
  for (const auto& p : model.prompts) {
    for (std::size_t i = 0; i < p.paired_samples.size(); ++i) {
      greedy = greedy && p.baseline_paired[i]->temperature == 0 && p.current_paired[i]->temperature == 0;
      ++n;
      if (p.baseline_paired[i]->output == p.current_paired[i]->output) ++matches;
    }
  }
  d.prompts = n;
  if (n == 0) {
    d.method = "none";
    d.p_value = std::numeric_limits<double>::quiet_NaN();
    d.note = "no prompt answered in both runs";
    return d;
  }
  if (!greedy) {
    d.method = "none";
    d.p_value = std::numeric_limits<double>::quiet_NaN();
    d.note = "one sampled answer per prompt: too little data to test drift; run both with --samples 2 or more";
    return d;
  }
  d.method = "exact-match";
  d.statistic = static_cast<double>(matches) / n;
  d.p_value = BinomialTestP(matches, n, options.greedy_determinism, Alternative::kLess);
  d.drift = d.p_value < options.alpha;
  d.note = fmt::format("{}/{} greedy answers identical; baseline determinism assumed {:.2f}", matches,
                       n, options.greedy_determinism);
  return d;
}

}  // namespace

std::vector<ModelDrift> OutputDrift(const RunAlignment& alignment, const DriftOptions& options) {
  const SimilarityMeasure& measure = MeasureByName(options.measure, "--measure");
  std::vector<ModelDrift> out;
  for (const auto& model : alignment.models) {
    std::vector<PromptPool> pools;
    std::vector<std::vector<bool>> labels;
    for (const auto& p : model.prompts) {
      int nb = static_cast<int>(p.baseline.size());
      int nc = static_cast<int>(p.current.size());
      if (nb < 1 || nc < 1 || nb + nc < 3) continue;
      PromptPool pool;
      pool.n = nb + nc;
      std::vector<AnswerFeatures> features;
      for (const auto* r : p.baseline) features.push_back(measure.Features(r->output));
      for (const auto* r : p.current) features.push_back(measure.Features(r->output));
      pool.similarity.assign(static_cast<std::size_t>(pool.n * pool.n), 1.0);
      for (int i = 0; i < pool.n; ++i) {
        for (int j = i + 1; j < pool.n; ++j) {
          double s = measure.Similarity(features[i], features[j]);
          pool.similarity[static_cast<std::size_t>(i * pool.n + j)] = s;
          pool.similarity[static_cast<std::size_t>(j * pool.n + i)] = s;
        }
      }
      pool.baseline.assign(static_cast<std::size_t>(pool.n), false);
      for (int i = 0; i < nb; ++i) pool.baseline[static_cast<std::size_t>(i)] = true;
      labels.push_back(pool.baseline);
      pools.push_back(std::move(pool));
    }
    if (pools.empty()) {
      out.push_back(ExactMatch(model, options));
      continue;
    }
    ModelDrift d;
    d.model = model.model;
    d.method = "within-vs-between";
    d.prompts = static_cast<int>(pools.size());
    for (std::size_t p = 0; p < pools.size(); ++p) {
      double within = 0, between = 0;
      WithinMinusBetween(pools[p], labels[p], &within, &between);
      d.within += within / d.prompts;
      d.between += between / d.prompts;
    }
    d.statistic = d.within - d.between;
    std::vector<double> null = EmpiricalNull(options.permutations, options.seed, [&](Rng& rng) {
      std::vector<std::vector<bool>> shuffled = labels;
      for (auto& l : shuffled) Shuffle(rng, l);
      return MeanStatistic(pools, shuffled);
    });
    d.p_value = EmpiricalPValue(d.statistic, null, /*greater=*/true);
    d.drift = d.p_value < options.alpha && d.statistic >= options.min_effect;
    d.note = fmt::format("{} prompts, {} relabellings, measure {}", d.prompts, null.size(), options.measure);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace kinship
