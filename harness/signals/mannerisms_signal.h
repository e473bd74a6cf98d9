// mannerisms: distinctive-phrase overlap (research §4.2 P0.2; Panfilov et al., with Monroe's
// log-odds, log_odds.h).
//
// A model's distinctive phrases are its top K (= 200) word 1-3-grams by log-odds z-score
// against the pooled answers of the controls (roles->controls; every other model when there
// are no roles), with an informative Dirichlet prior a_w = 0.1 * (background count + 1),
// among n-grams the model used at least 5 times and with z > 0. When the model is itself a
// control it is left out of its own background.
//
// PerPrompt(a, b) on prompt p: the share of the distinct n-grams of a's answer that are among
// b's distinctive phrases (mean over a's samples). Directed. Cross-fitted: b's phrases for a
// prompt in fold f are chosen from the prompts of the other folds only (cross_fit.h), for b's
// counts and the background alike, so a phrase peculiar to prompt p cannot score p. NaN where
// a has no answer or b has no distinctive phrase.
//
// Evidence(a, b): the phrases distinctive of both a and b on all prompts (readable text,
// z-score and count in each), and Jaccard of the two top-K lists.
//
// Cost: counting is done lazily per model (only the models a query touches), O(total n-grams
// log) per model; thread-safe via std::call_once.
#pragma once

#include "harness/signals/signal.h"

namespace kinship {

struct MannerismOptions {
  int top_k = 200;
  int min_count = 5;
  double prior_scale = 0.1;
};

class MannerismsSignal final : public Signal {
 public:
  explicit MannerismsSignal(MannerismOptions options = {}) : options_(options) {}
  std::string_view Name() const override { return "mannerisms"; }
  std::string_view Summary() const override {
    return "share of a's word 1-3-grams among b's distinctive phrases (log-odds vs controls)";
  }
  bool Directed() const override { return true; }
  bool Learned() const override { return true; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;

 private:
  MannerismOptions options_;
};

}  // namespace kinship
