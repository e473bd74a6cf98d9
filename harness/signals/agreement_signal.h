// greedy-agreement: agreement on deterministic prompts (research §4.2 P0.4, Nikolić et al.).
// Per prompt, on each model's greedy (temperature-0) answer: 1 when the two answers agree,
// else 0. "Agree" = equal after normalisation (NormalizeAnswer: case, spacing, punctuation),
// or the same first sentence, or - for answer-keyed prompts - the same extracted answer
// (answer_extraction.h). NaN where either model has no greedy answer. Symmetric.
// Unavailable when the run has no temperature-0 answers.
//
// The paired comparison sim(S,T) vs sim(S,C) is the statistics layer's job; McNemar() below
// is the exact test on the discordant prompts, for the evidence section.
#pragma once

#include <vector>

#include "harness/signals/signal.h"

namespace kinship {

class AgreementSignal final : public Signal {
 public:
  std::string_view Name() const override { return "greedy-agreement"; }
  std::string_view Summary() const override {
    return "1 when the greedy answers agree (normalised, first sentence or extracted answer)";
  }
  bool Directed() const override { return false; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

struct McNemarResult {
  int only_x = 0;  // prompts where x agrees (1) and y does not (0)
  int only_y = 0;
  int n = 0;       // prompts where both are defined
  double p_greater = 1;    // one-sided exact: P(Bin(only_x + only_y, 1/2) >= only_x)
  double p_two_sided = 1;
};

// McNemar's exact test on paired 0/1 outcomes (values > 0.5 count as 1; NaN pairs skipped),
// e.g. x = agreement(S,T), y = agreement(S,C) per prompt.
McNemarResult McNemar(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace kinship
