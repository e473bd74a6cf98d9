#include "harness/signals/identity_signal.h"

#include <cmath>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "harness/core/utf8.h"
#include "harness/signals/identity_lexicon.h"

namespace kinship {

namespace {

std::vector<bool> IdentityPrompts(const SignalPanel& panel) {
  std::vector<bool> chosen(panel.Prompts(), false);
  bool any_tagged = false;
  for (std::size_t p = 0; p < panel.Prompts(); ++p) {
    chosen[p] = panel.prompts[p].HasTag("identity");
    any_tagged |= chosen[p];
  }
  if (!any_tagged) chosen.assign(panel.Prompts(), true);
  return chosen;
}

class PreparedIdentity final : public PreparedSignal {
 public:
  explicit PreparedIdentity(const SignalPanel& panel)
      : panel_(panel), chosen_(IdentityPrompts(panel)), claims_(panel.answers.answers.size()),
        rates_(panel.Models()), answered_(panel.Models(), 0), dominant_(panel.Models()) {
    for (std::size_t m = 0; m < panel.Models(); ++m) {
      std::map<std::string, int> counts;
      for (std::size_t p = 0; p < panel.Prompts(); ++p) {
        if (!chosen_[p]) continue;
        auto& out = claims_[panel.answers.AnswerIndex(m, p)];
        for (const std::string& answer : panel.Answers(m, p)) {
          std::optional<IdentityClaim> claim = ClassifyIdentityClaim(answer);
          out.push_back(claim ? claim->vendor : std::string());
          ++answered_[m];
          if (claim) ++counts[claim->vendor];
        }
      }
      int best = 0;
      for (const auto& [vendor, count] : counts) {
        rates_[m][vendor] = static_cast<double>(count) / answered_[m];
        if (count > best) {
          best = count;
          dominant_[m] = vendor;
        }
      }
    }
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    std::vector<double> out(panel_.Prompts(), std::numeric_limits<double>::quiet_NaN());
    const std::string& target = dominant_[static_cast<std::size_t>(b)];
    if (target.empty()) return out;
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      const auto& claims = claims_[panel_.answers.AnswerIndex(static_cast<std::size_t>(a), p)];
      if (!chosen_[p] || claims.empty()) continue;
      double hits = 0;
      for (const std::string& vendor : claims) hits += vendor == target;
      out[p] = hits / static_cast<double>(claims.size());
    }
    return out;
  }

  nlohmann::json Evidence(int a, int b) const override {
    const std::size_t ia = static_cast<std::size_t>(a);
    const std::size_t ib = static_cast<std::size_t>(b);
    nlohmann::json quotes = nlohmann::json::array();
    const std::string& target = dominant_[ib];
    for (std::size_t p = 0; p < panel_.Prompts() && quotes.size() < 3 && !target.empty(); ++p) {
      const auto& claims = claims_[panel_.answers.AnswerIndex(ia, p)];
      for (std::size_t s = 0; s < claims.size() && quotes.size() < 3; ++s) {
        if (claims[s] != target) continue;
        quotes.push_back({{"prompt", panel_.answers.prompts[p]},
                          {"answer", std::string(Utf8Prefix(panel_.Answers(ia, p)[s], 200))}});
      }
    }
    return {{"identity_answers_a", answered_[ia]},
            {"identity_answers_b", answered_[ib]},
            {"claim_rates_a", rates_[ia]},
            {"claim_rates_b", rates_[ib]},
            {"dominant_vendor_b", target},
            {"quotes_a", quotes}};
  }

 private:
  const SignalPanel& panel_;
  std::vector<bool> chosen_;
  std::vector<std::vector<std::string>> claims_;  // per answer, per sample: vendor or ""
  std::vector<std::map<std::string, double>> rates_;
  std::vector<int> answered_;
  std::vector<std::string> dominant_;
};

}  // namespace

std::optional<std::string> IdentitySignal::Unavailable(const SignalPanel& panel) const {
  const std::vector<bool> chosen = IdentityPrompts(panel);
  for (std::size_t m = 0; m < panel.Models(); ++m) {
    for (std::size_t p = 0; p < panel.Prompts(); ++p) {
      if (chosen[p] && !panel.Answers(m, p).empty()) return std::nullopt;
    }
  }
  return "no answers to identity prompts in the run";
}

std::unique_ptr<PreparedSignal> IdentitySignal::Prepare(const SignalPanel& panel,
                                                        const SignalRoles*) const {
  return std::make_unique<PreparedIdentity>(panel);
}

}  // namespace kinship
