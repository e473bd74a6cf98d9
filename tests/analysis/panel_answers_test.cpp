#include "harness/analysis/panel_answers.h"

#include <catch2/catch.hpp>

#include "tests/analysis/test_run_data.h"

namespace kinship {
namespace {

using testing::ErrorRecord;
using testing::MakePrompt;
using testing::OkRecord;

TEST_CASE("Models follow the manifest order, then unlisted models sorted by name") {
  RunData run;
  run.manifest = {{"models", {{{"name", "zeta"}}, {{"name", "alpha"}}}}};
  run.records = {OkRecord("mu", "p1", 0, "x"), OkRecord("alpha", "p1", 0, "x"),
                 OkRecord("beta", "p1", 0, "x"), OkRecord("zeta", "p1", 0, "x")};
  const PanelAnswers panel = CollectPanelAnswers(run);
  CHECK(panel.models == std::vector<std::string>{"zeta", "alpha", "beta", "mu"});
}

TEST_CASE("Without a usable manifest, models are sorted by name") {
  RunData run;
  run.manifest = {{"models", "not a list"}};
  run.records = {OkRecord("b", "p1", 0, "x"), OkRecord("a", "p1", 0, "x")};
  CHECK(CollectPanelAnswers(run).models == std::vector<std::string>{"a", "b"});
}

TEST_CASE("Prompts follow the plan, then prompts seen only in records") {
  RunData run;
  run.prompts = {MakePrompt("second", "?"), MakePrompt("first", "?")};
  run.records = {OkRecord("m", "first", 0, "x"), OkRecord("m", "extra", 0, "x", "other")};
  CHECK(CollectPanelAnswers(run).prompts ==
        std::vector<std::string>{"demo/second", "demo/first", "other/extra"});
}

TEST_CASE("Samples are arranged by sample index and errors are counted, not kept") {
  RunData run;
  run.prompts = {MakePrompt("p1", "?")};
  run.records = {OkRecord("m", "p1", 2, "third"), ErrorRecord("m", "p1", 1),
                 OkRecord("m", "p1", 0, "first"), ErrorRecord("n", "p1", 0)};
  const PanelAnswers panel = CollectPanelAnswers(run);
  REQUIRE(panel.models == std::vector<std::string>{"m", "n"});
  CHECK(panel.answers[panel.AnswerIndex(0, 0)] == std::vector<std::string>{"first", "third"});
  CHECK(panel.answers[panel.AnswerIndex(1, 0)].empty());
  CHECK(panel.ok_records == std::vector<int>{2, 0});
  CHECK(panel.error_records == std::vector<int>{1, 1});
}

TEST_CASE("kSampledDraws leaves out a greedy answer only beside sampled draws",
          "[panel_answers]") {
  RunData run;
  run.prompts = {MakePrompt("p1", "?"), MakePrompt("p2", "?")};
  auto at = [](ResponseRecord record, double temperature) {
    record.temperature = temperature;
    return record;
  };
  run.records = {
      // the audit protocol: sample 0 greedy, samples 1-2 drawn at temperature 1
      at(OkRecord("audit", "p1", 0, "greedy"), 0.0), at(OkRecord("audit", "p1", 1, "draw1"), 1.0),
      at(OkRecord("audit", "p1", 2, "draw2"), 1.0),
      // only greedy answers: they are all there is, so they stay
      at(OkRecord("audit", "p2", 0, "only"), 0.0), at(OkRecord("audit", "p2", 1, "again"), 0.0),
      // imported answers (temperature unknown) are draws
      OkRecord("imported", "p1", 0, "x"), OkRecord("imported", "p1", 1, "y")};
  const PanelAnswers all = CollectPanelAnswers(run);
  const PanelAnswers draws = CollectPanelAnswers(run, AnswerSelection::kSampledDraws);
  REQUIRE(draws.models == std::vector<std::string>{"audit", "imported"});
  CHECK(all.answers[all.AnswerIndex(0, 0)] == std::vector<std::string>{"greedy", "draw1", "draw2"});
  CHECK(draws.answers[draws.AnswerIndex(0, 0)] == std::vector<std::string>{"draw1", "draw2"});
  CHECK(draws.answers[draws.AnswerIndex(0, 1)] == std::vector<std::string>{"only", "again"});
  CHECK(draws.answers[draws.AnswerIndex(1, 0)] == std::vector<std::string>{"x", "y"});
  CHECK(draws.ok_records == std::vector<int>{5, 2});  // counts are of records, not of kept answers
}

}  // namespace
}  // namespace kinship
