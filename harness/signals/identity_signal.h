// identity: identity-claim agreement (research §4.2 P3.12; corroborating evidence only,
// §3.4). Prompts tagged `identity` take part (every prompt when no prompt carries the tag).
// Each answer is classified by the vendor it claims (identity_lexicon.h); a model's base
// rates are the shares of its identity answers claiming each vendor, and its dominant vendor
// is the one it claims most (ties: alphabetical).
//
// PerPrompt(a, b) on an identity prompt: the share of a's samples claiming b's dominant
// vendor; NaN on other prompts, where a has no answer, or when b never claims a vendor.
// Directed: "S claims T's vendor" is not "T claims S's" (the §4.4 identity asymmetry cue).
// Evidence: both models' base rates, b's dominant vendor and up to three of a's answers
// claiming it, quoted (first 200 characters).
#pragma once

#include "harness/signals/signal.h"

namespace kinship {

class IdentitySignal final : public Signal {
 public:
  std::string_view Name() const override { return "identity"; }
  std::string_view Summary() const override {
    return "share of a's 'who made you' answers claiming b's usual vendor (lexicon)";
  }
  bool Directed() const override { return true; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
};

}  // namespace kinship
