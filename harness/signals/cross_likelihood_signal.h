// cross-likelihood: how well b's token distributions predict a's answer (research §4.2 P2.8),
// from the logprobs recorded with the answers (top alternatives per position). Black-box
// APIs do not score arbitrary text, so this is an approximation on the common prefix:
//
//   walk a's and b's answers token by token while the tokens so far are identical; at each
//   such position i, b's distribution is conditioned on the same context, so score a's token
//   i by b's logprob for it: b's own logprob when b emitted the same token, the logprob from
//   b's top alternatives when it is listed there, and otherwise a floor of
//   min(log 1e-4, b's lowest listed logprob at i). The first position where the tokens
//   differ is scored too (the context is still shared), then the walk stops.
//
// PerPrompt(a, b) = the mean of those logprobs (nats, <= 0; higher = b predicts a better),
// averaged over sample cross pairs that both carry logprobs; NaN otherwise. Directed.
//
// Limits: only the shared prefix is scored (one position when the first tokens differ);
// tokens must come from the same tokenizer to compare (different vendors' tokens rarely
// align, so this is informative within a tokenizer family); the floor is a bound, not a
// probability. Unavailable when no record has logprobs.
#pragma once

#include <vector>

#include "harness/core/adapter.h"
#include "harness/signals/signal.h"

namespace kinship {

class CrossLikelihoodSignal final : public Signal {
 public:
  std::string_view Name() const override { return "cross-likelihood"; }
  std::string_view Summary() const override {
    return "mean logprob b's recorded distributions give a's tokens on the shared prefix";
  }
  bool Directed() const override { return true; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

// The per-answer-pair score described above; NaN when either is empty.
double PrefixCrossLogprob(const std::vector<TokenLogprob>& a, const std::vector<TokenLogprob>& b);

}  // namespace kinship
