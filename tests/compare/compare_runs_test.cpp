// compare on constructed runs with known regressions, known drift, and neither.
#include "harness/compare/compare_runs.h"

#include <random>

#include <catch2/catch.hpp>

#include "harness/compare/compare_gate.h"
#include "harness/compare/compare_report.h"
#include "harness/core/config_error.h"
#include "tests/scoring/test_prompts.h"

using namespace kinship;
using namespace kinship::testing;

namespace {

constexpr int kPrompts = 40;
constexpr int kSamples = 3;

// A "model": answers are 12 words drawn from a prompt-specific vocabulary. `vocabulary`
// picks the word list, so two runs with the same vocabulary and different seeds are the
// same model sampled twice, and a different vocabulary is a different model.
std::string Sentence(std::mt19937& rng, int prompt, const std::vector<std::string>& words) {
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  std::string out = "answer" + std::to_string(prompt);
  for (int w = 0; w < 12; ++w) out += " " + words[pick(rng)];
  return out;
}

const std::vector<std::string> kWordsA = {"tide", "moon", "pull", "ocean", "gravity", "bulge",
                                          "earth", "water", "daily", "cycle"};
const std::vector<std::string> kWordsB = {"wave", "storm", "wind", "coast", "rock", "salt",
                                          "sand", "reef", "harbour", "spray"};

// Every prompt asserts "contains ok"; prompts below `passing` answer "ok".
RunData SyntheticRun(const std::string& dir, unsigned seed, const std::vector<std::string>& words,
                     int passing) {
  std::mt19937 rng(seed);
  std::vector<Prompt> prompts;
  std::vector<ResponseRecord> records;
  for (int p = 0; p < kPrompts; ++p) {
    std::string id = "p" + std::to_string(p);
    prompts.push_back(ScoredPrompt(id, {Check(AssertionKind::kContains, {"ok"})}));
    for (int s = 0; s < kSamples; ++s) {
      records.push_back(Answer("m", id, s, Sentence(rng, p, words) + (p < passing ? " ok" : "")));
    }
  }
  return MakeRun({"m"}, prompts, records, dir);
}

}  // namespace

TEST_CASE("Two samplings of the same model: no regression, no drift, gate passes", "[compare]") {
  RunData base = SyntheticRun("base", 1, kWordsA, 30);
  RunData cur = SyntheticRun("cur", 2, kWordsA, 30);
  CompareResult r = CompareRuns(base, cur);
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].delta.estimate == 0);
  CHECK(r.scores[0].flips.empty());
  REQUIRE(r.drift.size() == 1);
  CHECK(r.drift[0].method == "within-vs-between");
  CHECK(r.drift[0].prompts == kPrompts);
  CHECK_FALSE(r.drift[0].drift);
  CHECK(r.drift[0].p_value > 0.01);
  CHECK_FALSE(EvaluateGates(r, ParseGate("any", "")).failed);
}

TEST_CASE("No false alarms over twenty seed pairs of the same model", "[compare]") {
  int alarms = 0;
  for (unsigned seed = 10; seed < 30; ++seed) {
    CompareResult r = CompareRuns(SyntheticRun("a", seed, kWordsA, 40), SyntheticRun("b", seed + 100, kWordsA, 40));
    if (r.drift[0].drift) ++alarms;
  }
  CHECK(alarms == 0);
}

TEST_CASE("A different model behind the same name is reported as drift", "[compare]") {
  CompareResult r = CompareRuns(SyntheticRun("base", 1, kWordsA, 30), SyntheticRun("cur", 2, kWordsB, 30));
  REQUIRE(r.drift.size() == 1);
  CHECK(r.drift[0].drift);
  CHECK(r.drift[0].within > r.drift[0].between);
  CHECK(r.drift[0].p_value < 0.01);
  GateOutcome gate = EvaluateGates(r, ParseGate("drift", ""));
  CHECK(gate.failed);
  REQUIRE(gate.reasons.size() == 1);
  CHECK(gate.reasons[0].rfind("drift: m outputs changed", 0) == 0);
  CHECK_FALSE(EvaluateGates(r, ParseGate("regression", "")).failed);
}

TEST_CASE("A known regression is measured, its flips listed, and the gate fails", "[compare]") {
  RunData base = SyntheticRun("base", 1, kWordsA, 30);
  RunData cur = SyntheticRun("cur", 2, kWordsA, 20);  // prompts 20..29 now fail
  CompareResult r = CompareRuns(base, cur);
  REQUIRE(r.scores.size() == 1);
  const ModelScoreDelta& d = r.scores[0];
  CHECK(d.prompts == kPrompts);
  CHECK(d.baseline_pass_rate == Approx(0.75));
  CHECK(d.current_pass_rate == Approx(0.5));
  CHECK(d.delta.estimate == Approx(-0.25));
  CHECK(d.delta.high < 0);
  CHECK(d.pass_to_fail == 10);
  CHECK(d.fail_to_pass == 0);
  CHECK(d.mcnemar_p == Approx(2.0 / 1024));
  REQUIRE(d.flips.size() == 10);
  CHECK(d.flips[0].prompt_id == "p20");
  CHECK(d.flips[0].regressed);
  CHECK(EvaluateGates(r, ParseGate("regression", "")).failed);
  CHECK(EvaluateGates(r, ParseGate("", "0.2")).failed);
  CHECK_FALSE(EvaluateGates(r, ParseGate("", "0.3")).failed);  // a tolerated drop
  std::string text = RenderCompareText(r, ParseGate("any", ""), EvaluateGates(r, ParseGate("any", "")));
  CHECK(text.find("pass->fail m / qa / p20: 100% -> 0%") != std::string::npos);
}

TEST_CASE("One greedy answer per prompt is tested on the exact-match rate", "[compare]") {
  std::vector<Prompt> prompts;
  std::vector<ResponseRecord> same, changed;
  for (int p = 0; p < 30; ++p) {
    std::string id = "g" + std::to_string(p);
    prompts.push_back(ScoredPrompt(id, {}));
    ResponseRecord r = Answer("m", id, 0, "answer " + id);
    r.temperature = 0;
    same.push_back(r);
    if (p % 2 == 0) r.output += " (rephrased)";
    changed.push_back(r);
  }
  RunData base = MakeRun({"m"}, prompts, same, "base");
  CompareResult stable = CompareRuns(base, MakeRun({"m"}, prompts, same, "cur"));
  CHECK(stable.drift[0].method == "exact-match");
  CHECK(stable.drift[0].statistic == 1.0);
  CHECK_FALSE(stable.drift[0].drift);
  CompareResult moved = CompareRuns(base, MakeRun({"m"}, prompts, changed, "cur"));
  CHECK(moved.drift[0].statistic == Approx(0.5));
  CHECK(moved.drift[0].drift);
}

TEST_CASE("One sampled answer per prompt is too little data for a verdict", "[compare]") {
  std::vector<Prompt> prompts = {ScoredPrompt("p", {})};
  ResponseRecord r = Answer("m", "p", 0, "x");
  r.temperature = 0.7;
  CompareResult result = CompareRuns(MakeRun({"m"}, prompts, {r}), MakeRun({"m"}, prompts, {r}));
  CHECK(result.drift[0].method == "none");
  CHECK_FALSE(result.drift[0].drift);
  CHECK(result.drift[0].note.find("too little data") != std::string::npos);
}

TEST_CASE("Alignment pairs samples and counts what it could not pair", "[compare]") {
  std::vector<Prompt> prompts = {ScoredPrompt("a", {}), ScoredPrompt("b", {})};
  RunData base = MakeRun({"m", "gone"}, prompts,
                         {Answer("m", "a", 0, "x"), Answer("m", "a", 1, "y"), Answer("m", "b", 0, "z")});
  RunData cur = MakeRun({"m", "new"}, prompts, {Answer("m", "a", 1, "y"), Answer("m", "a", 2, "w")});
  RunAlignment al = AlignRuns(base, cur);
  CHECK(al.only_baseline == std::vector<std::string>{"gone"});
  CHECK(al.only_current == std::vector<std::string>{"new"});
  REQUIRE(al.models.size() == 1);
  REQUIRE(al.models[0].prompts.size() == 1);
  CHECK(al.models[0].prompts[0].paired_samples == std::vector<int>{1});
  CHECK(al.models[0].unpaired_answers == 3);  // a/0 and b/0 in the baseline, a/2 in the current
}

TEST_CASE("Bad gate values are usage errors with a suggestion", "[compare]") {
  CHECK_THROWS_WITH(ParseGate("regresion", ""),
                    "--fail-on: unknown gate 'regresion' (regression, drift or any); did you mean 'regression'?");
  CHECK_THROWS_AS(ParseGate("", "5"), ConfigError);
}
