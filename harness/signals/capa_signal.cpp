#include "harness/signals/capa_signal.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "harness/signals/answer_extraction.h"
#include "harness/signals/lexical_signals.h"

namespace kinship {

namespace {

struct Marked {
  bool correct = false;
  std::optional<std::string> answer;
};

class PreparedCapa final : public PreparedSignal {
 public:
  explicit PreparedCapa(const SignalPanel& panel) : panel_(panel), marked_(panel.answers.answers.size()) {
    for (std::size_t p = 0; p < panel.Prompts(); ++p) {
      if (!panel.prompts[p].reference) continue;
      const std::string& reference = *panel.prompts[p].reference;
      const std::string canonical = CanonicalReference(reference);
      for (std::size_t m = 0; m < panel.Models(); ++m) {
        auto& out = marked_[panel.answers.AnswerIndex(m, p)];
        for (const std::string& reply : panel.Answers(m, p)) {
          Marked mark;
          mark.answer = ExtractAnswer(reply, reference);
          mark.correct = mark.answer && *mark.answer == canonical;
          out.push_back(std::move(mark));
        }
      }
    }
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    std::vector<double> out(panel_.Prompts(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      if (!panel_.prompts[p].reference) continue;
      const auto& x = Marks(a, p);
      const auto& y = Marks(b, p);
      out[p] = MeanOverSamplePairs(x.size(), y.size(), [&](std::size_t i, std::size_t j) {
        if (x[i].correct && y[j].correct) return 1.0;
        const bool same_wrong = !x[i].correct && !y[j].correct && x[i].answer && y[j].answer &&
                                *x[i].answer == *y[j].answer;
        return same_wrong ? 1.0 : 0.0;
      });
    }
    return out;
  }

  nlohmann::json Evidence(int a, int b) const override {
    const std::vector<double> agreement = PerPrompt(a, b);
    double acc_a = 0;
    double acc_b = 0;
    double observed = 0;
    int items = 0;
    int shared_wrong = 0;
    for (std::size_t p = 0; p < agreement.size(); ++p) {
      if (std::isnan(agreement[p])) continue;
      ++items;
      observed += agreement[p];
      acc_a += Accuracy(Marks(a, p));
      acc_b += Accuracy(Marks(b, p));
      const auto& x = Marks(a, p);
      const auto& y = Marks(b, p);
      shared_wrong += !x[0].correct && !y[0].correct && x[0].answer && y[0].answer &&
                      *x[0].answer == *y[0].answer;
    }
    nlohmann::json out = {{"items", items}, {"shared_wrong_answers", shared_wrong}};
    if (items == 0) return out;
    acc_a /= items;
    acc_b /= items;
    observed /= items;
    double expected = 0;
    for (std::size_t p = 0; p < agreement.size(); ++p) {
      if (std::isnan(agreement[p])) continue;
      const int options = OptionCount(*panel_.prompts[p].reference);
      expected += acc_a * acc_b +
                  (options > 1 ? (1 - acc_a) * (1 - acc_b) / (options - 1) : 0.0);
    }
    expected /= items;
    out["accuracy_a"] = acc_a;
    out["accuracy_b"] = acc_b;
    out["observed_agreement"] = observed;
    out["expected_agreement"] = expected;
    out["kappa"] = expected < 1 ? (observed - expected) / (1 - expected)
                                : std::numeric_limits<double>::quiet_NaN();
    return out;
  }

 private:
  const std::vector<Marked>& Marks(int m, std::size_t p) const {
    return marked_[panel_.answers.AnswerIndex(static_cast<std::size_t>(m), p)];
  }
  static double Accuracy(const std::vector<Marked>& marks) {
    double right = 0;
    for (const Marked& mark : marks) right += mark.correct;
    return right / static_cast<double>(marks.size());
  }

  const SignalPanel& panel_;
  std::vector<std::vector<Marked>> marked_;
};

}  // namespace

std::optional<std::string> CapaSignal::Unavailable(const SignalPanel& panel) const {
  for (const SignalPrompt& prompt : panel.prompts) {
    if (prompt.reference) return std::nullopt;
  }
  return "no answer-keyed prompts (reference answers) in the run";
}

std::unique_ptr<PreparedSignal> CapaSignal::Prepare(const SignalPanel& panel,
                                                    const SignalRoles*) const {
  return std::make_unique<PreparedCapa>(panel);
}

}  // namespace kinship
