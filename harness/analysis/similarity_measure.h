// SimilarityMeasure: one way of scoring how alike two answers are, in [0, 1]. The panel
// analysis (panel_similarity.h) calls Features once per answer and Similarity once per pair
// of answers, so everything expensive (tokenising, hashing, sorting) belongs in Features and
// Similarity should be a merge over precomputed sorted vectors.
//
// Implementations are stateless and immutable: thread-safe, with static lifetime when
// registered in builtin_measures.h. Neither function throws; any text, including empty or
// invalid UTF-8, has features. Convention for degenerate input: two answers with no features
// (e.g. both empty) are identical (1); one empty and one not share nothing (0).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kinship {

// The features of one answer under one measure. Only the measure that made them reads them;
// the layout is shared so storage and kernels (sorted_features.h) are shared too.
struct AnswerFeatures {
  std::vector<std::uint64_t> keys;  // meaning set by the measure; usually sorted and unique
  std::vector<float> weights;       // parallel to keys when the measure weights them
  double norm = 0;                  // precomputed by the measure (e.g. L2 norm of weights)
};

class SimilarityMeasure {
 public:
  virtual ~SimilarityMeasure() = default;

  // Stable identifier, used on the command line and in reports ("word-ngram-jaccard").
  virtual std::string_view Name() const = 0;
  // One line for `kinship list signals` and report legends.
  virtual std::string_view Summary() const = 0;

  virtual AnswerFeatures Features(std::string_view answer) const = 0;
  // Symmetric, in [0, 1], 1 for identical features.
  virtual double Similarity(const AnswerFeatures& a, const AnswerFeatures& b) const = 0;

  // out[i] = Similarity(a, *others[i]) for i < count, bit for bit. The panel analysis
  // calls this with one answer and every later model's answers to the same prompt, so a
  // measure may preprocess `a` once (an index, a bitset) for many partners. The built-in
  // measures use this default loop: a hash-table probe variant measured no faster than
  // the sorted merge, so it was not kept.
  virtual void SimilarityToMany(const AnswerFeatures& a, const AnswerFeatures* const* others,
                                std::size_t count, double* out) const {
    for (std::size_t i = 0; i < count; ++i) out[i] = Similarity(a, *others[i]);
  }
};

}  // namespace kinship
