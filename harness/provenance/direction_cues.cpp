#include "harness/provenance/direction_cues.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>

#include "harness/analysis/sorted_features.h"
#include "harness/core/hash.h"
#include "harness/signals/answer_extraction.h"
#include "harness/signals/word_ngrams.h"
#include "harness/stats/permutation_test.h"

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr std::string_view kCrossContinuationTag = "cross-continuation";
constexpr std::string_view kFromTagPrefix = "from:";

AnswerFeatures NgramSet(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint64_t> keys;
  AppendWordNgramKeys(words, 1, 3, &keys);
  return MakeFeatureSet(std::move(keys));
}

// Word 1-3-gram Jaccard of the first samples of (a, p) and (b, p); NaN when either is missing.
double FirstSampleJaccard(const SignalPanel& panel, int a, int b, std::size_t p) {
  const auto& wa = panel.Words(static_cast<std::size_t>(a), p);
  const auto& wb = panel.Words(static_cast<std::size_t>(b), p);
  if (wa.empty() || wb.empty()) return kNaN;
  return SetJaccard(NgramSet(wa[0]), NgramSet(wb[0]));
}

// The cross-continuation prompts by source prompt: for each source, which panel prompt holds
// the prefix cut from each model's answer. The source is the prompt key without its
// "@<model>" suffix (cross_continuation.h ids); the model comes from the `from:` tag.
std::map<std::string, std::map<std::string, std::size_t>> CrossContinuationPrompts(
    const SignalPanel& panel) {
  std::map<std::string, std::map<std::string, std::size_t>> out;
  for (std::size_t p = 0; p < panel.Prompts(); ++p) {
    const SignalPrompt& prompt = panel.prompts[p];
    if (!prompt.HasTag(kCrossContinuationTag)) continue;
    for (const std::string& tag : prompt.tags) {
      if (tag.rfind(kFromTagPrefix, 0) != 0) continue;
      const std::string model = tag.substr(kFromTagPrefix.size());
      const std::string& key = panel.answers.prompts[p];
      const std::string suffix = "@" + model;
      if (key.size() <= suffix.size() || key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      out[key.substr(0, key.size() - suffix.size())][model] = p;
    }
  }
  return out;
}

DirectionCue MakeCue(const char* name, const std::vector<double>& diffs,
                     const CueTestOptions& options) {
  PermutationOptions permutation;
  permutation.iterations = options.permutation_iterations;
  permutation.seed = MixHash(options.seed, StableHash64(name));
  const PermutationResult r = PairedSignFlipTest(diffs, permutation);
  DirectionCue cue;
  cue.name = name;
  cue.asymmetry = r.statistic;
  cue.p_value = std::isnan(r.p_value) ? 1.0 : r.p_value;
  cue.agrees = r.statistic > 0 && cue.p_value < options.alpha;
  return cue;
}

int CountPresent(const std::vector<double>& values) {
  return static_cast<int>(std::count_if(values.begin(), values.end(),
                                        [](double v) { return !std::isnan(v); }));
}

}  // namespace

std::optional<DirectionCue> CrossContinuationCue(const SignalPanel& panel, int s, int t,
                                                 const std::vector<int>& controls,
                                                 const CueTestOptions& options) {
  const auto& models = panel.answers.models;
  const std::string& s_name = models[static_cast<std::size_t>(s)];
  const std::string& t_name = models[static_cast<std::size_t>(t)];
  std::vector<double> diffs;
  for (const auto& [source, by_model] : CrossContinuationPrompts(panel)) {
    const auto from_s = by_model.find(s_name);
    const auto from_t = by_model.find(t_name);
    if (from_s == by_model.end() || from_t == by_model.end()) continue;
    // How well a continues b's text: sim(a's continuation of b's prefix, b's own).
    auto imitates = [&](int a, int b, std::size_t prompt) {
      return FirstSampleJaccard(panel, a, b, prompt);
    };
    const double st = imitates(s, t, from_t->second);
    const double ts = imitates(t, s, from_s->second);
    if (std::isnan(st) || std::isnan(ts)) continue;
    double control_sum = 0;
    int control_n = 0;
    for (int c : controls) {
      const auto from_c = by_model.find(models[static_cast<std::size_t>(c)]);
      if (from_c == by_model.end()) continue;
      const double ct = imitates(c, t, from_t->second);
      const double tc = imitates(t, c, from_c->second);
      if (std::isnan(ct) || std::isnan(tc)) continue;
      control_sum += ct - tc;
      ++control_n;
    }
    diffs.push_back((st - ts) - (control_n == 0 ? 0.0 : control_sum / control_n));
  }
  if (CountPresent(diffs) < options.min_prompts) return std::nullopt;
  return MakeCue("cross-continuation-asymmetry", diffs, options);
}

std::optional<DirectionCue> CapabilityCue(const SignalPanel& panel, int s, int t,
                                          const CueTestOptions& options) {
  // Share of a model's answers to prompt p that give the reference answer; NaN without any.
  auto accuracy = [&](int m, std::size_t p, const std::string& canonical) {
    const auto& replies = panel.Answers(static_cast<std::size_t>(m), p);
    if (replies.empty()) return kNaN;
    int correct = 0;
    for (const std::string& reply : replies) {
      const auto answer = ExtractAnswer(reply, *panel.prompts[p].reference);
      correct += answer && *answer == canonical ? 1 : 0;
    }
    return static_cast<double>(correct) / static_cast<double>(replies.size());
  };
  std::vector<double> diffs;
  for (std::size_t p = 0; p < panel.Prompts(); ++p) {
    if (!panel.prompts[p].reference) continue;
    const std::string canonical = CanonicalReference(*panel.prompts[p].reference);
    diffs.push_back(accuracy(t, p, canonical) - accuracy(s, p, canonical));
  }
  if (CountPresent(diffs) < options.min_prompts) return std::nullopt;
  return MakeCue("capability-asymmetry", diffs, options);
}

}  // namespace kinship
