#include "harness/provenance/direction_cues.h"

#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace kinship {
namespace {

// Models 0 = S, 1 = T, 2 = C1, 3 = C2.
const std::vector<std::string> kModels = {"s", "t", "c1", "c2"};

// The cross-continuation prompts of `sources` source prompts, one per (source, model whose
// answer was cut), as cross_continuation.h names and tags them. continuation(m, from) is
// model m's continuation of the prefix cut from model `from`'s answer.
template <typename Continuation>
SignalPanel CrossContinuationPanel(int sources, Continuation continuation) {
  PanelAnswers answers;
  answers.models = kModels;
  std::vector<SignalPrompt> prompts;
  for (int q = 0; q < sources; ++q) {
    for (std::size_t from = 0; from < kModels.size(); ++from) {
      answers.prompts.push_back("cross-continuation/chat-" + std::to_string(q) + "@" + kModels[from]);
      SignalPrompt prompt;
      prompt.tags = {"chat", "cross-continuation", "from:" + kModels[from]};
      prompts.push_back(prompt);
    }
  }
  answers.Resize();
  for (std::size_t m = 0; m < kModels.size(); ++m) {
    for (std::size_t p = 0; p < answers.prompts.size(); ++p) {
      answers.answers[answers.AnswerIndex(m, p)] = {continuation(m, p % kModels.size())};
    }
  }
  return BuildSignalPanel(std::move(answers), std::move(prompts), {}, 1);
}

// Each model's own way of continuing; the teacher's is "alpha beta gamma delta".
std::string OwnVoice(std::size_t m) {
  static const std::vector<std::string> kVoices = {"sigma tau upsilon phi", "alpha beta gamma delta",
                                                   "kappa lambda mu nu", "omicron pi rho chi"};
  return kVoices[m];
}

CueTestOptions SmallOptions() {
  CueTestOptions options;
  options.min_prompts = 5;
  return options;
}

TEST_CASE("cross-continuation asymmetry: S continues T's text as T does, T does not continue S's as S does") {
  // S imitates T on T's prefixes (st = 1); everyone else, S included elsewhere, speaks in
  // its own voice (ts = 0). Control c1 also imitates T on T's prefixes (c1t = 1, tc1 = 0);
  // c2 does not (0, 0): the control term is (1 + 0) / 2, so every source prompt gives
  // (1 - 0) - 0.5 = 0.5.
  const SignalPanel panel = CrossContinuationPanel(6, [](std::size_t m, std::size_t from) {
    const bool imitates_t = from == 1 && (m == 0 || m == 2);
    return imitates_t ? OwnVoice(1) : OwnVoice(m);
  });
  const auto cue = CrossContinuationCue(panel, 0, 1, {2, 3}, SmallOptions());
  REQUIRE(cue.has_value());
  CHECK(cue->name == "cross-continuation-asymmetry");
  CHECK(cue->asymmetry == Approx(0.5));
  CHECK(cue->p_value == Approx(1.0 / 64));  // 6 positive differences, exact enumeration
  CHECK(cue->agrees);

  // The other way round, T as the suspect of S: (0 - 1) - mean(c_j S - S c_j) = -1 - 0.
  const auto reverse = CrossContinuationCue(panel, 1, 0, {2, 3}, SmallOptions());
  REQUIRE(reverse.has_value());
  CHECK(reverse->asymmetry == Approx(-1.0));
  CHECK_FALSE(reverse->agrees);

  // Fewer source prompts than min_prompts: not examined.
  CueTestOptions strict = SmallOptions();
  strict.min_prompts = 7;
  CHECK_FALSE(CrossContinuationCue(panel, 0, 1, {2, 3}, strict).has_value());
}

TEST_CASE("cross-continuation asymmetry is absent when S and T continue each other alike") {
  // S and T both continue every prefix in T's voice: st = ts = 1.
  const SignalPanel panel = CrossContinuationPanel(6, [](std::size_t m, std::size_t) {
    return m <= 1 ? OwnVoice(1) : OwnVoice(m);
  });
  const auto cue = CrossContinuationCue(panel, 0, 1, {2, 3}, SmallOptions());
  REQUIRE(cue.has_value());
  CHECK(cue->asymmetry == Approx(0.0));
  CHECK_FALSE(cue->agrees);
}

TEST_CASE("cross-continuation asymmetry is not examined without cross-continuation prompts") {
  PanelAnswers answers;
  answers.models = kModels;
  answers.prompts = {"chat/a", "chat/b"};
  answers.Resize();
  for (auto& a : answers.answers) a = {"some words here"};
  const SignalPanel panel = BuildSignalPanel(std::move(answers), {}, {}, 1);
  CueTestOptions options = SmallOptions();
  options.min_prompts = 1;
  CHECK_FALSE(CrossContinuationCue(panel, 0, 1, {2, 3}, options).has_value());
}

// 10 prompts, 8 with a reference: T answers all 8 right; S gets 2 of them right and gives
// a wrong number on 6. The 2 prompts without a reference do not count.
SignalPanel AnswerKeyedPanel() {
  PanelAnswers answers;
  answers.models = {"s", "t"};
  std::vector<SignalPrompt> prompts;
  for (int p = 0; p < 10; ++p) {
    answers.prompts.push_back("answer-keyed/q" + std::to_string(p));
    SignalPrompt prompt;
    if (p < 8) prompt.reference = std::to_string(10 + p);
    prompts.push_back(prompt);
  }
  answers.Resize();
  for (int p = 0; p < 10; ++p) {
    const std::string right = "The answer is " + std::to_string(10 + p) + ".";
    answers.answers[answers.AnswerIndex(1, p)] = {right};
    answers.answers[answers.AnswerIndex(0, p)] = {p < 2 ? right : "The answer is 7."};
  }
  return BuildSignalPanel(std::move(answers), std::move(prompts), {}, 1);
}

TEST_CASE("capability asymmetry: T answers the answer-keyed prompts better than S") {
  const SignalPanel panel = AnswerKeyedPanel();
  const auto cue = CapabilityCue(panel, 0, 1, SmallOptions());
  REQUIRE(cue.has_value());
  CHECK(cue->name == "capability-asymmetry");
  CHECK(cue->asymmetry == Approx(6.0 / 8.0));  // T's accuracy 1 minus S's 2/8
  CHECK(cue->p_value == Approx(1.0 / 64));    // 6 nonzero differences, all positive
  CHECK(cue->agrees);

  const auto reverse = CapabilityCue(panel, 1, 0, SmallOptions());
  REQUIRE(reverse.has_value());
  CHECK(reverse->asymmetry == Approx(-6.0 / 8.0));
  CHECK_FALSE(reverse->agrees);

  CueTestOptions strict = SmallOptions();
  strict.min_prompts = 9;  // only 8 prompts have a reference
  CHECK_FALSE(CapabilityCue(panel, 0, 1, strict).has_value());
}

}  // namespace
}  // namespace kinship
