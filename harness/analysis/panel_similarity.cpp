#include "harness/analysis/panel_similarity.h"

#include <algorithm>
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

// Mean similarity over the cross pairs of two answer slots; NaN when either is empty.
double CrossMean(const SimilarityMeasure& measure, const FeatureTable& table, std::size_t slot_a,
                 std::size_t slot_b) {
  const std::size_t a0 = table.offset[slot_a], a1 = table.offset[slot_a + 1];
  const std::size_t b0 = table.offset[slot_b], b1 = table.offset[slot_b + 1];
  if (a0 == a1 || b0 == b1) return kNaN;
  double sum = 0;
  for (std::size_t i = a0; i < a1; ++i) {
    for (std::size_t j = b0; j < b1; ++j) {
      sum += measure.Similarity(table.features[i], table.features[j]);
    }
  }
  return sum / static_cast<double>((a1 - a0) * (b1 - b0));
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
      for (std::size_t b = a + 1; b < models; ++b) {
        float* values = &matrix.per_prompt[matrix.PairIndex(a, b) * prompts];
        double sum = 0;
        int count = 0;
        for (std::size_t p = 0; p < prompts; ++p) {
          const double s = CrossMean(measure, table, panel.AnswerIndex(a, p),
                                     panel.AnswerIndex(b, p));
          if (std::isnan(s)) continue;
          values[p] = static_cast<float>(s);
          sum += s;
          ++count;
        }
        const double mean = count > 0 ? sum / count : kNaN;
        matrix.mean[a * models + b] = matrix.mean[b * models + a] = mean;
        matrix.n[a * models + b] = matrix.n[b * models + a] = count;
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
