#include "harness/signals/cross_likelihood_signal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kinship {

namespace {

constexpr double kFloor = -9.210340371976184;  // log(1e-4)

class PreparedCrossLikelihood final : public PreparedSignal {
 public:
  explicit PreparedCrossLikelihood(const SignalPanel& panel) : panel_(panel) {}

  std::vector<double> PerPrompt(int a, int b) const override {
    std::vector<double> out(panel_.Prompts(), std::numeric_limits<double>::quiet_NaN());
    const std::size_t ia = static_cast<std::size_t>(a);
    const std::size_t ib = static_cast<std::size_t>(b);
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      double sum = 0;
      int pairs = 0;
      for (std::size_t i = 0; i < panel_.Answers(ia, p).size(); ++i) {
        for (std::size_t j = 0; j < panel_.Answers(ib, p).size(); ++j) {
          const double score = PrefixCrossLogprob(panel_.Meta(ia, p, i).logprobs,
                                                  panel_.Meta(ib, p, j).logprobs);
          if (std::isnan(score)) continue;
          sum += score;
          ++pairs;
        }
      }
      if (pairs > 0) out[p] = sum / pairs;
    }
    return out;
  }

 private:
  const SignalPanel& panel_;
};

}  // namespace

double PrefixCrossLogprob(const std::vector<TokenLogprob>& a, const std::vector<TokenLogprob>& b) {
  const std::size_t shared = std::min(a.size(), b.size());
  if (shared == 0) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  std::size_t scored = 0;
  for (std::size_t i = 0; i < shared; ++i) {
    const TokenLogprob& mine = a[i];
    const TokenLogprob& theirs = b[i];
    double logprob;
    if (mine.token == theirs.token) {
      logprob = theirs.logprob;
    } else {
      double lowest = theirs.logprob;
      logprob = std::numeric_limits<double>::quiet_NaN();
      for (const auto& [token, value] : theirs.top) {
        lowest = std::min(lowest, value);
        if (token == mine.token && std::isnan(logprob)) logprob = value;
      }
      if (std::isnan(logprob)) logprob = std::min(kFloor, lowest);
    }
    sum += logprob;
    ++scored;
    if (mine.token != theirs.token) break;  // contexts differ from the next position on
  }
  return sum / static_cast<double>(scored);
}

std::optional<std::string> CrossLikelihoodSignal::Unavailable(const SignalPanel& panel) const {
  for (const auto& samples : panel.meta) {
    for (const AnswerMeta& meta : samples) {
      if (!meta.logprobs.empty()) return std::nullopt;
    }
  }
  return "no token logprobs in the run (set logprobs in the model configs)";
}

std::unique_ptr<PreparedSignal> CrossLikelihoodSignal::Prepare(const SignalPanel& panel,
                                                               const SignalRoles*) const {
  return std::make_unique<PreparedCrossLikelihood>(panel);
}

}  // namespace kinship
