// capa: error consistency on answer-keyed prompts (research §1.6, Goel et al. 2025, the
// discrete/exact-match form of CAPA). Only prompts with a reference answer take part.
//
// Each sample's answer is extracted (answer_extraction.h) and marked right or wrong. Per
// prompt, for the pair (a, b): the mean over sample cross pairs of 1 when both are right, or
// both are wrong with the same extracted answer; 0 otherwise (a different wrong answer, one
// right and one wrong, or no answer found, which counts as wrong and never matches).
// NaN on prompts without a reference or where either model has no answer. Symmetric.
//
// Evidence: the model-level chance-adjusted kappa = (c_obs - c_exp) / (1 - c_exp), with
// c_obs the mean of the per-prompt values and, per item x with accuracies p_a, p_b (the
// models' mean correctness over the common items), c_exp(x) = p_a p_b + (1 - p_a)(1 - p_b) /
// (O_x - 1) for option letters with O_x options (OptionCount) and p_a p_b for numbers and
// phrases, where two wrong answers are assumed not to coincide by chance; plus the counts of
// shared wrong answers, the most telling items.
#pragma once

#include "harness/signals/signal.h"

namespace kinship {

class CapaSignal final : public Signal {
 public:
  std::string_view Name() const override { return "capa"; }
  std::string_view Summary() const override {
    return "error consistency on answer-keyed prompts (both right, or the same wrong answer)";
  }
  bool Directed() const override { return false; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

}  // namespace kinship
