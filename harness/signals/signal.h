// Signal: one way of measuring, prompt by prompt, how much model a's answers resemble model
// b's, for the provenance analysis (ARCHITECTURE.md decisions 5-6; research/provenance-
// methods.md §4.2). The statistics layer (harness/stats) only ever sees the per-prompt vectors
// a PreparedSignal returns, and tests sim(S,T) - sim(S,C_j) and sim(S,T) - sim(C_j,T) paired
// by prompt, so every signal obeys one contract:
//
//   * PerPrompt(a, b) has exactly one value per prompt of panel.answers.prompts, in that
//     order; NaN where the signal is undefined for the prompt (a model gave no ok answer, the
//     prompt has no reference answer, no greedy sample, ...). Larger means more similar.
//   * A prompt with several samples contributes the mean over the cross pairs of samples
//     (sample i of a with sample j of b), as harness/analysis/panel_similarity does; channels
//     defined on greedy answers use the temperature-0 sample instead.
//   * Signals that LEARN from the answers (distinctive phrases, classifiers) are cross-fitted
//     by prompt (cross_fit.h): the value for prompt p comes from a fit that never saw any
//     answer to p, so the later paired test over prompts is not biased by selection.
//
// Lifetime and threads: Signal objects are immutable statics owned by the table
// (builtin_signals.h). Prepare() returns a PreparedSignal that keeps a reference to the
// SignalPanel, which must outlive it. PreparedSignal's const calls are thread-safe; work that
// only some pairs need is computed lazily, once, under std::call_once. Nothing here throws
// on odd data (empty answers, invalid UTF-8); a signal that cannot run says why through
// Unavailable() instead.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "harness/signals/signal_panel.h"

namespace kinship {

// Which panel models play which part in a provenance query. Indices into
// panel.answers.models. A signal that needs roles (LOO attribution trains on candidates and
// controls; mannerisms use the pooled controls as the prior) falls back to "every other
// model" when roles are absent.
struct SignalRoles {
  std::vector<int> suspects;
  std::vector<int> candidates;
  std::vector<int> controls;

  // suspects, candidates and controls merged, sorted, without duplicates.
  std::vector<int> Involved() const;
};

class PreparedSignal {
 public:
  virtual ~PreparedSignal() = default;

  // Per-prompt similarity of model a TO model b; see the contract above. Symmetric signals
  // ignore the order. REQUIRES: 0 <= a, b < number of models.
  virtual std::vector<double> PerPrompt(int a, int b) const = 0;

  // Human-readable evidence for the pair (shared distinctive phrases with their counts,
  // identity claims quoted, model-level AUC or kappa); an empty object when there is none.
  virtual nlohmann::json Evidence(int a, int b) const;
};

class Signal {
 public:
  virtual ~Signal() = default;

  // Stable identifier used on the command line and in reports ("word-ngram-1-3").
  virtual std::string_view Name() const = 0;
  // One line for `kinship list signals`.
  virtual std::string_view Summary() const = 0;
  // True when PerPrompt(a, b) may differ from PerPrompt(b, a); such signals can feed the
  // direction cues of research §4.4 (LOO attribution, identity claims, cross-likelihood).
  virtual bool Directed() const = 0;
  // True when the signal is trained on the answers and therefore cross-fitted by prompt.
  virtual bool Learned() const { return false; }

  // Why the signal cannot run on this panel ("no answer-keyed prompts in the run"), or
  // nullopt when it can. Prepare() on an unavailable panel still returns a signal whose
  // values are all NaN.
  virtual std::optional<std::string> Unavailable(const SignalPanel& panel) const = 0;

  // Fits the signal to the panel. roles == nullptr: all models are symmetric.
  virtual std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                                  const SignalRoles* roles) const = 0;
};

}  // namespace kinship
