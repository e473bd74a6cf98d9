#include "harness/signals/agreement_signal.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "harness/signals/answer_extraction.h"

namespace kinship {

namespace {

// P(Bin(n, 1/2) >= k), summed in log space so large n does not underflow.
double BinomialUpperTail(int k, int n) {
  if (k <= 0) return 1.0;
  double sum = 0;
  for (int i = k; i <= n; ++i) {
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) -
                    n * std::log(2.0));
  }
  return std::min(1.0, sum);
}

struct GreedyAnswer {
  bool present = false;
  std::string normalized;
  std::string first_sentence;
  std::optional<std::string> extracted;
};

class PreparedAgreement final : public PreparedSignal {
 public:
  explicit PreparedAgreement(const SignalPanel& panel)
      : panel_(panel), greedy_(panel.answers.answers.size()) {
    for (std::size_t m = 0; m < panel.Models(); ++m) {
      for (std::size_t p = 0; p < panel.Prompts(); ++p) {
        const int s = panel.GreedySample(m, p);
        if (s < 0) continue;
        const std::string& text = panel.Answers(m, p)[static_cast<std::size_t>(s)];
        GreedyAnswer& g = greedy_[panel.answers.AnswerIndex(m, p)];
        g.present = true;
        g.normalized = NormalizeAnswer(text);
        g.first_sentence = FirstSentence(text);
        if (panel.prompts[p].reference) g.extracted = ExtractAnswer(text, *panel.prompts[p].reference);
      }
    }
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    std::vector<double> out(panel_.Prompts(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      const GreedyAnswer& x = greedy_[panel_.answers.AnswerIndex(static_cast<std::size_t>(a), p)];
      const GreedyAnswer& y = greedy_[panel_.answers.AnswerIndex(static_cast<std::size_t>(b), p)];
      if (!x.present || !y.present) continue;
      const bool agree = x.normalized == y.normalized ||
                         (!x.first_sentence.empty() && x.first_sentence == y.first_sentence) ||
                         (x.extracted && y.extracted && *x.extracted == *y.extracted);
      out[p] = agree ? 1.0 : 0.0;
    }
    return out;
  }

  nlohmann::json Evidence(int a, int b) const override {
    const std::vector<double> values = PerPrompt(a, b);
    int n = 0;
    int agree = 0;
    for (double v : values) {
      if (std::isnan(v)) continue;
      ++n;
      agree += v > 0.5;
    }
    return {{"greedy_prompts", n}, {"agreeing", agree}};
  }

 private:
  const SignalPanel& panel_;
  std::vector<GreedyAnswer> greedy_;
};

}  // namespace

std::optional<std::string> AgreementSignal::Unavailable(const SignalPanel& panel) const {
  for (std::size_t m = 0; m < panel.Models(); ++m) {
    for (std::size_t p = 0; p < panel.Prompts(); ++p) {
      if (panel.GreedySample(m, p) >= 0) return std::nullopt;
    }
  }
  return "no greedy (temperature 0) answers in the run";
}

std::unique_ptr<PreparedSignal> AgreementSignal::Prepare(const SignalPanel& panel,
                                                         const SignalRoles*) const {
  return std::make_unique<PreparedAgreement>(panel);
}

McNemarResult McNemar(const std::vector<double>& x, const std::vector<double>& y) {
  McNemarResult result;
  for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
    if (std::isnan(x[i]) || std::isnan(y[i])) continue;
    ++result.n;
    const bool xi = x[i] > 0.5;
    const bool yi = y[i] > 0.5;
    result.only_x += xi && !yi;
    result.only_y += yi && !xi;
  }
  const int discordant = result.only_x + result.only_y;
  result.p_greater = BinomialUpperTail(result.only_x, discordant);
  const int extreme = std::max(result.only_x, result.only_y);
  result.p_two_sided =
      discordant == 0 ? 1.0 : std::min(1.0, 2.0 * BinomialUpperTail(extreme, discordant));
  return result;
}

}  // namespace kinship
