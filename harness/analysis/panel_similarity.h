// Pairwise output similarity of a panel of models, per measure: for every pair of models
// and every prompt, the mean similarity over the cross pairs of their ok samples (sample i
// of A with sample j of B); then, per pair, the mean over the prompts both answered.
//
// This is the descriptive first analysis (issue 2). The per-prompt values are kept, pair by
// pair, because the later statistics are paired by prompt (ARCHITECTURE.md decision 5) and
// must not re-derive them. Reports read only these plain structs, so a later analysis can
// replace the computation without touching them.
//
// Cost: the work is prompt-major. For each prompt, the features of its answers are built
// once (never per pair, and never for the whole panel at once, which keeps memory to the
// output), then every pair is compared while they are in cache. Measures that are exactly a
// sorted-feature kernel (SortedKernelMeasure in sorted_features.h: the built-in Jaccard and
// cosine) use rank kernels over keys shared within the prompt, with the same values bit for
// bit; other measures go through SimilarityToMany. Blocks of 16 prompts are split over
// `threads` threads and the means are summed block by block in prompt order, so results do
// not depend on the thread count. Thread-safe (no shared state); does not throw except
// std::bad_alloc.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "harness/analysis/panel_answers.h"
#include "harness/analysis/similarity_measure.h"

namespace kinship {

struct MeasureMatrix {
  std::string measure;  // SimilarityMeasure::Name()
  std::string summary;  // SimilarityMeasure::Summary()
  std::size_t models = 0;
  std::size_t prompts = 0;
  // models x models, row-major, symmetric. Off the diagonal: the mean over prompts both
  // models answered (NaN when there is none). On the diagonal: the model's self-similarity,
  // the mean over prompts with >= 2 ok samples of its own sample pairs (NaN when none).
  std::vector<double> mean;
  std::vector<int> n;  // prompts behind each mean
  // Per-prompt pair similarities, pair-major (all prompts of one pair are contiguous, as a
  // paired test over prompts reads them): per_prompt[PairIndex(a, b) * prompts + p], NaN
  // where either model has no ok sample for the prompt. float: 4 bytes per value keeps
  // 200 models x 800 prompts at 64 MB per measure.
  std::vector<float> per_prompt;

  double Mean(std::size_t a, std::size_t b) const { return mean[a * models + b]; }
  int N(std::size_t a, std::size_t b) const { return n[a * models + b]; }
  // REQUIRES: a != b.
  float PerPrompt(std::size_t a, std::size_t b, std::size_t prompt) const {
    return per_prompt[PairIndex(a, b) * prompts + prompt];
  }
  // Index of the unordered pair {a, b}, a != b, in 0 .. models*(models-1)/2 - 1.
  std::size_t PairIndex(std::size_t a, std::size_t b) const;
};

struct PanelSimilarity {
  std::vector<std::string> models;
  std::vector<std::string> prompts;
  std::vector<int> ok_records;     // per model
  std::vector<int> error_records;  // per model; excluded from every similarity
  std::vector<MeasureMatrix> measures;  // in the order the measures were given
};

PanelSimilarity ComputePanelSimilarity(const PanelAnswers& panel,
                                       const std::vector<const SimilarityMeasure*>& measures,
                                       unsigned threads = 0);  // 0: hardware concurrency

}  // namespace kinship
