#include "harness/signals/stylometry_signals.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "harness/signals/cross_fit.h"
#include "harness/signals/logistic_regression.h"
#include "harness/stats/auc.h"
#include "harness/signals/stylometric_features.h"

namespace kinship {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Lazily built features of the models involved; IDF over those models' answers.
class StyleFeatures {
 public:
  StyleFeatures(const SignalPanel& panel, std::vector<int> models)
      : panel_(panel), models_(std::move(models)), folds_(PromptFolds(panel.answers.prompts)),
        built_(new std::once_flag[panel.Models()]), features_(panel.Models()) {}

  const std::vector<int>& Folds() const { return folds_; }

  // features[prompt][sample] of model m. Each model's are built once, on first use, by the
  // thread that asks first; threads asking for different models build them at the same
  // time (one lock for all of them serialised the classifier pairs behind each other).
  const std::vector<std::vector<SparseVector>>& Of(int m) const {
    std::call_once(idf_once_, [&] { FitIdf(); });
    const auto model = static_cast<std::size_t>(m);
    std::call_once(built_[model], [&] {
      std::vector<std::vector<SparseVector>> out(panel_.Prompts());
      for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
        const auto& answers = panel_.Answers(model, p);
        const auto& words = panel_.Words(model, p);
        for (std::size_t s = 0; s < answers.size(); ++s) {
          out[p].push_back(StylometricFeatures(answers[s], words[s], idf_));
        }
      }
      features_[model] = std::move(out);
    });
    return features_[model];
  }

 private:
  void FitIdf() const {
    std::vector<std::uint32_t> df(kStyleDimensions, 0);
    double documents = 0;
    for (int m : models_) {
      for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
        for (const auto& words : panel_.Words(static_cast<std::size_t>(m), p)) {
          for (std::uint32_t bucket : WordGramBuckets(words)) ++df[bucket];
          documents += 1;
        }
      }
    }
    idf_.assign(kStyleDimensions, 1.0f);
    for (std::size_t d = 0; d < df.size(); ++d) {
      idf_[d] = static_cast<float>(std::log((1 + documents) / (1 + df[d])) + 1);
    }
  }

  const SignalPanel& panel_;
  std::vector<int> models_;
  std::vector<int> folds_;
  mutable std::once_flag idf_once_;
  mutable std::vector<float> idf_;
  std::unique_ptr<std::once_flag[]> built_;  // per model of the panel
  mutable std::vector<std::vector<std::vector<SparseVector>>> features_;
};

std::vector<int> TrainingModels(const SignalPanel& panel, const SignalRoles* roles) {
  std::vector<int> out;
  if (roles != nullptr && !(roles->candidates.empty() && roles->controls.empty())) {
    out = roles->candidates;
    out.insert(out.end(), roles->controls.begin(), roles->controls.end());
  } else {
    for (std::size_t m = 0; m < panel.Models(); ++m) out.push_back(static_cast<int>(m));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int> AllInvolved(const SignalPanel& panel, const SignalRoles* roles) {
  if (roles == nullptr) return TrainingModels(panel, nullptr);
  std::vector<int> out = roles->Involved();
  if (out.empty()) return TrainingModels(panel, nullptr);
  return out;
}

// Out-of-fold class probabilities for the answers of `scored` models, from classifiers
// trained fold by fold on `classes` (label = position in `classes`).
// Result: [scored index][prompt][sample] -> probabilities.
using Scores = std::vector<std::vector<std::vector<std::vector<double>>>>;
Scores CrossFit(const StyleFeatures& features, const SignalPanel& panel,
                const std::vector<int>& classes, const std::vector<int>& scored) {
  const std::vector<int>& folds = features.Folds();
  Scores out(scored.size(), std::vector<std::vector<std::vector<double>>>(panel.Prompts()));
  for (int f = 0; f < kCrossFitFolds; ++f) {
    std::vector<const SparseVector*> x;
    std::vector<int> y;
    for (std::size_t c = 0; c < classes.size(); ++c) {
      const auto& fm = features.Of(classes[c]);
      for (std::size_t p = 0; p < panel.Prompts(); ++p) {
        if (folds[p] == f) continue;
        for (const SparseVector& v : fm[p]) {
          x.push_back(&v);
          y.push_back(static_cast<int>(c));
        }
      }
    }
    if (x.empty()) continue;
    LogisticRegression model;
    model.Fit(x, y, static_cast<int>(classes.size()));
    for (std::size_t s = 0; s < scored.size(); ++s) {
      const auto& fm = features.Of(scored[s]);
      for (std::size_t p = 0; p < panel.Prompts(); ++p) {
        if (folds[p] != f) continue;
        for (const SparseVector& v : fm[p]) out[s][p].push_back(model.Predict(v));
      }
    }
  }
  return out;
}

class PreparedLoo final : public PreparedSignal {
 public:
  PreparedLoo(const SignalPanel& panel, const SignalRoles* roles)
      : panel_(panel), features_(panel, AllInvolved(panel, roles)),
        training_(TrainingModels(panel, roles)), once_(new std::once_flag[panel.Models()]),
        fits_(panel.Models()) {}

  std::vector<double> PerPrompt(int a, int b) const override {
    const Fit& fit = FitFor(a);
    std::vector<double> out(panel_.Prompts(), kNaN);
    auto it = std::find(fit.classes.begin(), fit.classes.end(), b);
    if (it == fit.classes.end()) return out;
    const std::size_t c = static_cast<std::size_t>(it - fit.classes.begin());
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      const auto& probs = fit.scores[0][p];
      if (probs.empty()) continue;
      double sum = 0;
      for (const auto& pr : probs) sum += pr[c];
      out[p] = sum / static_cast<double>(probs.size());
    }
    return out;
  }

  nlohmann::json Evidence(int a, int) const override {
    const Fit& fit = FitFor(a);
    std::map<std::string, double> assigned;
    double total = 0;
    for (const auto& prompt : fit.scores[0]) {
      for (const auto& pr : prompt) {
        const std::size_t best =
            static_cast<std::size_t>(std::max_element(pr.begin(), pr.end()) - pr.begin());
        assigned[panel_.answers.models[static_cast<std::size_t>(fit.classes[best])]] += 1;
        total += 1;
      }
    }
    for (auto& [name, share] : assigned) share /= total;
    return {{"answers_classified", total}, {"assigned_share", assigned}};
  }

 private:
  struct Fit {
    std::vector<int> classes;
    Scores scores;
  };
  const Fit& FitFor(int a) const {
    const std::size_t index = static_cast<std::size_t>(a);
    std::call_once(once_[index], [&] {
      Fit& fit = fits_[index];
      for (int m : training_) {
        if (m != a) fit.classes.push_back(m);
      }
      if (fit.classes.size() >= 2) {
        fit.scores = CrossFit(features_, panel_, fit.classes, {a});
      } else {
        fit.scores.assign(1, std::vector<std::vector<std::vector<double>>>(panel_.Prompts()));
      }
    });
    return fits_[index];
  }

  const SignalPanel& panel_;
  StyleFeatures features_;
  std::vector<int> training_;
  std::unique_ptr<std::once_flag[]> once_;
  mutable std::vector<Fit> fits_;
};

class PreparedSeparability final : public PreparedSignal {
 public:
  PreparedSeparability(const SignalPanel& panel, const SignalRoles* roles)
      : panel_(panel), features_(panel, AllInvolved(panel, roles)) {}

  std::vector<double> PerPrompt(int a, int b) const override {
    const Scores scores = CrossFit(features_, panel_, {a, b}, {a, b});
    std::vector<double> out(panel_.Prompts(), kNaN);
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      const auto& xa = scores[0][p];
      const auto& xb = scores[1][p];
      if (xa.empty() || xb.empty()) continue;
      double confusion_a = 0;
      double confusion_b = 0;
      for (const auto& pr : xa) confusion_a += pr[1];
      for (const auto& pr : xb) confusion_b += pr[0];
      out[p] = 0.5 * (confusion_a / static_cast<double>(xa.size()) +
                      confusion_b / static_cast<double>(xb.size()));
    }
    return out;
  }

  nlohmann::json Evidence(int a, int b) const override {
    return {{"auc", PairAuc(a, b)}, {"split_half_auc_a", SplitHalfAuc(a)},
            {"split_half_auc_b", SplitHalfAuc(b)}};
  }

 private:
  double PairAuc(int a, int b) const {
    const Scores scores = CrossFit(features_, panel_, {a, b}, {a, b});
    std::vector<double> positives;
    std::vector<double> negatives;
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      for (const auto& pr : scores[1][p]) positives.push_back(pr[1]);
      for (const auto& pr : scores[0][p]) negatives.push_back(pr[1]);
    }
    return Auc(positives, negatives);
  }

  // AUC of telling one half of a model's answers from the other, folds grouped by prompt:
  // alternate draws when prompts have >= 2 sampled draws, else even vs odd prompts by rank.
  // Only draws (SignalPanel::SampledDraws) are split: the audit protocol's greedy answer
  // sits at sample 0, and putting it always in the first half would let the classifier
  // tell greedy from sampled text instead of measuring the model's self-consistency.
  double SplitHalfAuc(int m) const {
    const auto& fm = features_.Of(m);
    const std::vector<int>& folds = features_.Folds();
    std::vector<std::vector<std::size_t>> draws(panel_.Prompts());
    bool multi = false;
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      if (fm[p].empty()) continue;
      draws[p] = panel_.SampledDraws(m, p);
      multi |= draws[p].size() >= 2;
    }
    // (sample, half) of each prompt's answers that take part.
    std::vector<std::vector<std::pair<std::size_t, int>>> halves(panel_.Prompts());
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      for (std::size_t k = 0; k < draws[p].size(); ++k) {
        if (draws[p][k] >= fm[p].size()) continue;
        halves[p].emplace_back(draws[p][k], multi ? static_cast<int>(k % 2) : static_cast<int>(p % 2));
      }
    }
    std::vector<double> positives;
    std::vector<double> negatives;
    for (int f = 0; f < kCrossFitFolds; ++f) {
      std::vector<const SparseVector*> x;
      std::vector<int> y;
      for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
        if (folds[p] == f) continue;
        for (const auto& [sample, half] : halves[p]) {
          x.push_back(&fm[p][sample]);
          y.push_back(half);
        }
      }
      if (x.empty()) continue;
      LogisticRegression model;
      model.Fit(x, y, 2);
      for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
        if (folds[p] != f) continue;
        for (const auto& [sample, half] : halves[p]) {
          (half == 1 ? positives : negatives).push_back(model.Predict(fm[p][sample])[1]);
        }
      }
    }
    return Auc(positives, negatives);
  }

  const SignalPanel& panel_;
  StyleFeatures features_;
};

std::optional<std::string> NeedsModels(const SignalPanel& panel) {
  if (panel.Models() < 2) return "needs at least two models";
  if (panel.Prompts() < static_cast<std::size_t>(kCrossFitFolds)) {
    return "needs at least " + std::to_string(kCrossFitFolds) + " prompts for cross-fitting";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> StylometricLooSignal::Unavailable(const SignalPanel& panel) const {
  if (panel.Models() < 3) return "needs at least three models (two classes besides the held-out one)";
  return NeedsModels(panel);
}

std::unique_ptr<PreparedSignal> StylometricLooSignal::Prepare(const SignalPanel& panel,
                                                              const SignalRoles* roles) const {
  return std::make_unique<PreparedLoo>(panel, roles);
}

std::optional<std::string> StylometricSeparabilitySignal::Unavailable(
    const SignalPanel& panel) const {
  return NeedsModels(panel);
}

std::unique_ptr<PreparedSignal> StylometricSeparabilitySignal::Prepare(
    const SignalPanel& panel, const SignalRoles* roles) const {
  return std::make_unique<PreparedSeparability>(panel, roles);
}

}  // namespace kinship
