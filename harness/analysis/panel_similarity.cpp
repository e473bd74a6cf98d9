#include "harness/analysis/panel_similarity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace kinship {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Features of every answer under one measure, flattened: the samples of answer slot k are
// features[offset[k] .. offset[k + 1]).
struct FeatureTable {
  std::vector<AnswerFeatures> features;
  std::vector<std::size_t> offset;
};

FeatureTable BuildFeatures(const PanelAnswers& panel, const SimilarityMeasure& measure) {
  FeatureTable table;
  table.offset.reserve(panel.answers.size() + 1);
  table.offset.push_back(0);
  for (const std::vector<std::string>& samples : panel.answers) {
    for (const std::string& text : samples) table.features.push_back(measure.Features(text));
    table.offset.push_back(table.features.size());
  }
  return table;
}

// Mean similarity over the distinct sample pairs within one slot; NaN with < 2 samples.
double SelfMean(const SimilarityMeasure& measure, const FeatureTable& table, std::size_t slot) {
  const std::size_t s0 = table.offset[slot], s1 = table.offset[slot + 1];
  if (s1 - s0 < 2) return kNaN;
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t i = s0; i < s1; ++i) {
    for (std::size_t j = i + 1; j < s1; ++j) {
      sum += measure.Similarity(table.features[i], table.features[j]);
      ++count;
    }
  }
  return sum / static_cast<double>(count);
}

MeasureMatrix ComputeMatrix(const PanelAnswers& panel, const SimilarityMeasure& measure,
                            unsigned threads) {
  const std::size_t models = panel.models.size();
  const std::size_t prompts = panel.prompts.size();
  const FeatureTable table = BuildFeatures(panel, measure);

  MeasureMatrix matrix;
  matrix.measure = std::string(measure.Name());
  matrix.summary = std::string(measure.Summary());
  matrix.models = models;
  matrix.prompts = prompts;
  matrix.mean.assign(models * models, kNaN);
  matrix.n.assign(models * models, 0);
  const std::size_t pairs = models < 2 ? 0 : models * (models - 1) / 2;
  matrix.per_prompt.assign(pairs * prompts, std::numeric_limits<float>::quiet_NaN());

  // Rows are dealt round-robin: row a holds models-1-a pairs, so contiguous blocks would
  // leave the first thread with most of the work. Each row writes only its own cells.
  auto run_rows = [&](unsigned worker, unsigned workers) {
    for (std::size_t a = worker; a < models; a += workers) {
      double self_sum = 0;
      int self_n = 0;
      for (std::size_t p = 0; p < prompts; ++p) {
        const double s = SelfMean(measure, table, panel.AnswerIndex(a, p));
        if (!std::isnan(s)) {
          self_sum += s;
          ++self_n;
        }
      }
      matrix.mean[a * models + a] = self_n > 0 ? self_sum / self_n : kNaN;
      matrix.n[a * models + a] = self_n;
      // Per prompt, each sample of `a` is compared with every sample of every later model
      // in one SimilarityToMany call, so a measure may preprocess the sample once. Sums run in
      // the same order as a plain nested loop over (i, j), prompt by prompt.
      std::vector<double> pair_sum(models, 0.0);
      std::vector<int> pair_n(models, 0);
      std::vector<const AnswerFeatures*> partners;
      std::vector<std::size_t> owner;
      std::vector<double> out;
      std::vector<double> cross_sum(models);
      for (std::size_t p = 0; p < prompts; ++p) {
        const std::size_t slot_a = panel.AnswerIndex(a, p);
        const std::size_t a0 = table.offset[slot_a], a1 = table.offset[slot_a + 1];
        if (a0 == a1) continue;
        partners.clear();
        owner.clear();
        for (std::size_t b = a + 1; b < models; ++b) {
          const std::size_t slot_b = panel.AnswerIndex(b, p);
          for (std::size_t j = table.offset[slot_b]; j < table.offset[slot_b + 1]; ++j) {
            partners.push_back(&table.features[j]);
            owner.push_back(b);
          }
        }
        if (partners.empty()) continue;
        out.resize(partners.size());
        std::fill(cross_sum.begin(), cross_sum.end(), 0.0);
        for (std::size_t i = a0; i < a1; ++i) {
          measure.SimilarityToMany(table.features[i], partners.data(), partners.size(),
                                   out.data());
          for (std::size_t k = 0; k < partners.size(); ++k) cross_sum[owner[k]] += out[k];
        }
        for (std::size_t b = a + 1; b < models; ++b) {
          const std::size_t slot_b = panel.AnswerIndex(b, p);
          const std::size_t samples_b = table.offset[slot_b + 1] - table.offset[slot_b];
          if (samples_b == 0) continue;
          const double value = cross_sum[b] / static_cast<double>((a1 - a0) * samples_b);
          matrix.per_prompt[matrix.PairIndex(a, b) * prompts + p] = static_cast<float>(value);
          pair_sum[b] += value;
          ++pair_n[b];
        }
      }
      for (std::size_t b = a + 1; b < models; ++b) {
        const double mean = pair_n[b] > 0 ? pair_sum[b] / pair_n[b] : kNaN;
        matrix.mean[a * models + b] = matrix.mean[b * models + a] = mean;
        matrix.n[a * models + b] = matrix.n[b * models + a] = pair_n[b];
      }
    }
  };

  const unsigned workers = static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(threads, models)));
  if (workers == 1) {
    run_rows(0, 1);
  } else {
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < workers; ++w) pool.emplace_back(run_rows, w, workers);
    for (std::thread& thread : pool) thread.join();
  }
  return matrix;
}

}  // namespace

std::size_t MeasureMatrix::PairIndex(std::size_t a, std::size_t b) const {
  if (a > b) std::swap(a, b);
  // Pairs are numbered row by row: (0,1) .. (0,m-1), (1,2) .. ; row a starts after the
  // a rows before it, which hold (m-1) + (m-2) + ... + (m-a) pairs.
  return a * (2 * models - a - 1) / 2 + (b - a - 1);
}

PanelSimilarity ComputePanelSimilarity(const PanelAnswers& panel,
                                       const std::vector<const SimilarityMeasure*>& measures,
                                       unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  PanelSimilarity result;
  result.models = panel.models;
  result.prompts = panel.prompts;
  result.ok_records = panel.ok_records;
  result.error_records = panel.error_records;
  for (const SimilarityMeasure* measure : measures) {
    result.measures.push_back(ComputeMatrix(panel, *measure, threads));
  }
  return result;
}

}  // namespace kinship
