#include "harness/signals/mannerisms_signal.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "harness/signals/cross_fit.h"
#include "harness/signals/log_odds.h"
#include "harness/signals/word_ngrams.h"

namespace kinship {

namespace {

constexpr int kFolds = kCrossFitFolds;
constexpr int kAll = kFolds;  // "no fold excluded": the fit on every prompt, for evidence

// N-gram counts of a group of models, split by prompt fold so that a fit excluding fold f is
// a subtraction.
struct CountTable {
  std::vector<std::uint64_t> keys;        // sorted, unique
  std::vector<std::uint32_t> counts;      // keys.size() x (kFolds + 1); [kFolds] = total
  std::array<double, kFolds + 1> totals{};

  // Count of key index i with fold `excluded` left out (kAll: nothing left out).
  double Count(std::size_t i, int excluded) const {
    const std::uint32_t* row = &counts[i * (kFolds + 1)];
    return excluded == kAll ? row[kFolds] : row[kFolds] - row[excluded];
  }
  double Total(int excluded) const {
    return excluded == kAll ? totals[kFolds] : totals[kFolds] - totals[excluded];
  }
  // Index of key, or npos.
  std::size_t Find(std::uint64_t key) const {
    auto it = std::lower_bound(keys.begin(), keys.end(), key);
    return (it != keys.end() && *it == key) ? static_cast<std::size_t>(it - keys.begin())
                                            : static_cast<std::size_t>(-1);
  }
};

CountTable CountGroup(const SignalPanel& panel, const std::vector<int>& models,
                      const std::vector<int>& folds) {
  std::vector<std::pair<std::uint64_t, int>> items;
  std::vector<std::uint64_t> grams;
  for (int m : models) {
    for (std::size_t p = 0; p < panel.Prompts(); ++p) {
      for (const auto& words : panel.Words(static_cast<std::size_t>(m), p)) {
        grams.clear();
        AppendWordNgramKeys(words, 1, 3, &grams);
        for (std::uint64_t g : grams) items.emplace_back(g, folds[p]);
      }
    }
  }
  std::sort(items.begin(), items.end());
  CountTable table;
  for (std::size_t i = 0; i < items.size();) {
    table.keys.push_back(items[i].first);
    const std::size_t row = table.counts.size();
    table.counts.resize(row + kFolds + 1, 0);
    std::size_t j = i;
    for (; j < items.size() && items[j].first == items[i].first; ++j) {
      ++table.counts[row + static_cast<std::size_t>(items[j].second)];
      ++table.totals[static_cast<std::size_t>(items[j].second)];
    }
    table.counts[row + kFolds] = static_cast<std::uint32_t>(j - i);
    i = j;
  }
  for (int f = 0; f < kFolds; ++f) table.totals[kFolds] += table.totals[f];
  return table;
}

struct Phrase {
  std::uint64_t key = 0;
  double z = 0;
  double count = 0;             // in the model
  double background_count = 0;  // in the comparison group
};

struct ModelPhrases {
  // [fold]: the distinctive phrases fitted without that fold, sorted by key; [kAll]: all.
  std::array<std::vector<Phrase>, kFolds + 1> by_fold;
};

double FindZ(const std::vector<Phrase>& phrases, std::uint64_t key, const Phrase** out) {
  auto it = std::lower_bound(phrases.begin(), phrases.end(), key,
                             [](const Phrase& p, std::uint64_t k) { return p.key < k; });
  if (it == phrases.end() || it->key != key) return std::numeric_limits<double>::quiet_NaN();
  if (out != nullptr) *out = &*it;
  return it->z;
}

class PreparedMannerisms final : public PreparedSignal {
 public:
  PreparedMannerisms(const SignalPanel& panel, const SignalRoles* roles, MannerismOptions options)
      : panel_(panel),
        options_(options),
        folds_(PromptFolds(panel.answers.prompts)),
        once_(new std::once_flag[panel.Models()]),
        phrases_(panel.Models()) {
    if (roles != nullptr && !roles->controls.empty()) {
      background_models_ = roles->controls;
    } else {
      for (std::size_t m = 0; m < panel.Models(); ++m) background_models_.push_back(static_cast<int>(m));
    }
    std::sort(background_models_.begin(), background_models_.end());
    background_ = CountGroup(panel, background_models_, folds_);
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    const ModelPhrases& phrases_b = Phrases(b);
    std::vector<double> out(panel_.Prompts(), std::numeric_limits<double>::quiet_NaN());
    std::vector<std::uint64_t> grams;
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      const std::vector<Phrase>& distinctive = phrases_b.by_fold[static_cast<std::size_t>(folds_[p])];
      const auto& samples = panel_.Words(static_cast<std::size_t>(a), p);
      if (distinctive.empty() || samples.empty()) continue;
      double sum = 0;
      for (const auto& words : samples) {
        grams.clear();
        AppendWordNgramKeys(words, 1, 3, &grams);
        std::sort(grams.begin(), grams.end());
        grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
        if (grams.empty()) continue;
        std::size_t hits = 0;
        for (std::uint64_t g : grams) hits += !std::isnan(FindZ(distinctive, g, nullptr));
        sum += static_cast<double>(hits) / static_cast<double>(grams.size());
      }
      out[p] = sum / static_cast<double>(samples.size());
    }
    return out;
  }

  nlohmann::json Evidence(int a, int b) const override {
    const std::vector<Phrase>& pa = Phrases(a).by_fold[kAll];
    const std::vector<Phrase>& pb = Phrases(b).by_fold[kAll];
    std::vector<std::uint64_t> shared;
    for (const Phrase& phrase : pa) {
      if (!std::isnan(FindZ(pb, phrase.key, nullptr))) shared.push_back(phrase.key);
    }
    std::map<std::uint64_t, std::string> text;
    std::vector<std::pair<std::uint64_t, std::string>> found;
    for (std::size_t p = 0; p < panel_.Prompts() && text.size() < shared.size(); ++p) {
      for (const std::string& answer : panel_.Answers(static_cast<std::size_t>(a), p)) {
        found.clear();
        CollectNgramText(answer, 3, shared, &found);
        for (auto& [key, phrase] : found) text.emplace(key, std::move(phrase));
      }
    }
    nlohmann::json rows = nlohmann::json::array();
    for (std::uint64_t key : shared) {
      const Phrase* in_a = nullptr;
      const Phrase* in_b = nullptr;
      FindZ(pa, key, &in_a);
      FindZ(pb, key, &in_b);
      rows.push_back({{"phrase", text.count(key) ? text[key] : std::string("?")},
                      {"z_a", in_a->z},
                      {"z_b", in_b->z},
                      {"count_a", in_a->count},
                      {"count_b", in_b->count}});
    }
    std::sort(rows.begin(), rows.end(), [](const nlohmann::json& x, const nlohmann::json& y) {
      return std::min(x["z_a"].get<double>(), x["z_b"].get<double>()) >
             std::min(y["z_a"].get<double>(), y["z_b"].get<double>());
    });
    const double union_size = static_cast<double>(pa.size() + pb.size() - shared.size());
    return {{"shared_phrases", rows},
            {"distinctive_a", pa.size()},
            {"distinctive_b", pb.size()},
            {"top_k_jaccard", union_size > 0 ? static_cast<double>(shared.size()) / union_size
                                             : std::numeric_limits<double>::quiet_NaN()}};
  }

 private:
  const ModelPhrases& Phrases(int m) const {
    const std::size_t index = static_cast<std::size_t>(m);
    std::call_once(once_[index], [&] { phrases_[index] = Fit(m); });
    return phrases_[index];
  }

  ModelPhrases Fit(int m) const {
    const CountTable own = CountGroup(panel_, {m}, folds_);
    const bool in_background =
        std::binary_search(background_models_.begin(), background_models_.end(), m);
    std::size_t vocabulary = background_.keys.size();
    std::vector<std::size_t> in_bg(own.keys.size());
    for (std::size_t i = 0; i < own.keys.size(); ++i) {
      in_bg[i] = background_.Find(own.keys[i]);
      vocabulary += in_bg[i] == static_cast<std::size_t>(-1);
    }
    ModelPhrases out;
    for (int f = 0; f <= kFolds; ++f) {
      const double n_i = own.Total(f);
      const double n_j = background_.Total(f) - (in_background ? n_i : 0.0);
      const double alpha_0 = options_.prior_scale * (n_j + static_cast<double>(vocabulary));
      std::vector<Phrase> candidates;
      for (std::size_t i = 0; i < own.keys.size(); ++i) {
        const double y_i = own.Count(i, f);
        if (y_i < options_.min_count) continue;
        double y_j = in_bg[i] == static_cast<std::size_t>(-1) ? 0.0 : background_.Count(in_bg[i], f);
        if (in_background) y_j -= y_i;
        const double alpha_w = options_.prior_scale * (y_j + 1.0);
        const LogOdds odds = InformativeLogOdds(y_i, n_i, y_j, n_j, alpha_w, alpha_0);
        if (odds.z > 0) candidates.push_back({own.keys[i], odds.z, y_i, y_j});
      }
      std::sort(candidates.begin(), candidates.end(), [](const Phrase& x, const Phrase& y) {
        return x.z != y.z ? x.z > y.z : x.key < y.key;
      });
      if (candidates.size() > static_cast<std::size_t>(options_.top_k)) {
        candidates.resize(static_cast<std::size_t>(options_.top_k));
      }
      std::sort(candidates.begin(), candidates.end(),
                [](const Phrase& x, const Phrase& y) { return x.key < y.key; });
      out.by_fold[static_cast<std::size_t>(f)] = std::move(candidates);
    }
    return out;
  }

  const SignalPanel& panel_;
  MannerismOptions options_;
  std::vector<int> folds_;
  std::vector<int> background_models_;
  CountTable background_;
  std::unique_ptr<std::once_flag[]> once_;
  mutable std::vector<ModelPhrases> phrases_;
};

}  // namespace

std::optional<std::string> MannerismsSignal::Unavailable(const SignalPanel& panel) const {
  if (panel.Models() < 2) return "needs at least two models";
  for (const auto& samples : panel.answers.answers) {
    if (!samples.empty()) return std::nullopt;
  }
  return "no ok answers in the panel";
}

std::unique_ptr<PreparedSignal> MannerismsSignal::Prepare(const SignalPanel& panel,
                                                          const SignalRoles* roles) const {
  return std::make_unique<PreparedMannerisms>(panel, roles, options_);
}

}  // namespace kinship
