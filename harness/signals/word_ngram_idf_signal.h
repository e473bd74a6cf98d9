// word-ngram-idf (README.md, "Provenance signals"): the word 1-3-gram sets of the lexical
// signal (ngram_prompt_block.h), Jaccard weighted by inverse document frequency. At each
// prompt an n-gram used by df of the N models answering weighs log(N / df) (df counts
// models, not samples); the value is the weight of the common n-grams over the weight of
// their union, 1 when the union weighs nothing. Panel-dependent by design: adding a model
// changes the weights. Given roles naming any model, only the involved models' n-gram lists
// are kept after the weights are computed, and PerPrompt of another model is NaN.
// Symmetric.
#pragma once

#include "harness/signals/signal.h"

namespace kinship {

// Ranking only (provenance_query.h RankingSignals): its value for a pair depends on which
// other models the panel holds, so it is not given a relative test.
class WordNgramIdfSignal final : public Signal {
 public:
  std::string_view Name() const override { return "word-ngram-idf"; }
  std::string_view Summary() const override {
    return "IDF-weighted Jaccard of word 1-3-grams per prompt (n-grams few models share weigh most)";
  }
  bool Directed() const override { return false; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

}  // namespace kinship
