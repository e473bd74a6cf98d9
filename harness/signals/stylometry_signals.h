// The stylometric fingerprint signals (research §4.2 P0.3; Sun et al. 2025), on
// stylometric_features.h with logistic_regression.h. Both are cross-fitted by prompt
// (cross_fit.h): the classifier that scores prompt p never trained on an answer to p.
// Features are built lazily, only for the models a query touches; the word IDF is fitted on
// those answers (label-free).
//
//   stylometric-loo         leave-one-out attribution. For held-out model a, a multinomial
//                           classifier is trained on the candidates and controls
//                           (roles; all models without roles) minus a; PerPrompt(a, b) = the
//                           mean probability that a's answers to p are b's. NaN when b is
//                           not a training class. Directed (§4.4 LOO asymmetry).
//                           Evidence: share of a's answers assigned to each class.
//   stylometric-separability a binary classifier a vs b; PerPrompt(a, b) = the mean
//                           out-of-fold probability of the other model's label on the two
//                           models' answers to p (0.5: indistinguishable; -> 0: separable).
//                           Symmetric. Evidence: grouped-CV AUC and the split-half null AUC
//                           of each model against itself (Panfilov: the chance level is not
//                           exactly 0.5 at small n).
#pragma once

#include "harness/signals/signal.h"

namespace kinship {

class StylometricLooSignal final : public Signal {
 public:
  std::string_view Name() const override { return "stylometric-loo"; }
  std::string_view Summary() const override {
    return "probability a's answers are attributed to b by a style classifier trained without a";
  }
  bool Directed() const override { return true; }
  bool Learned() const override { return true; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

class StylometricSeparabilitySignal final : public Signal {
 public:
  std::string_view Name() const override { return "stylometric-separability"; }
  std::string_view Summary() const override {
    return "out-of-fold confusion of a style classifier a vs b (grouped-CV AUC in evidence)";
  }
  bool Directed() const override { return false; }
  bool Learned() const override { return true; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

}  // namespace kinship
