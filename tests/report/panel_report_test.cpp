#include "harness/report/panel_report.h"

#include <cmath>

#include <catch2/catch.hpp>

#include "harness/analysis/builtin_measures.h"
#include "harness/analysis/panel_answers.h"
#include "harness/run/run_reader.h"
#include "tests/analysis/test_run_data.h"

namespace kinship {
namespace {

using testing::ErrorRecord;
using testing::MakePrompt;
using testing::OkRecord;

RunData SmallRun() {
  RunData run;
  run.dir = "results/run-42";
  run.manifest = {{"run_id", "run-42"},
                  {"suites", {{{"name", "demo"}, {"version", "1.0"}}}},
                  {"models", {{{"name", "b"}}, {{"name", "a"}}, {{"name", "c"}}}}};
  run.prompts = {MakePrompt("p1", "Question one?"), MakePrompt("p2", "Question two?")};
  run.records = {
      OkRecord("a", "p1", 1, "second sample"), OkRecord("a", "p1", 0, "Қазақ"),
      ErrorRecord("b", "p1", 0),                OkRecord("b", "p1", 1, "b answer"),
      ErrorRecord("c", "p1", 0),                OkRecord("a", "p2", 0, "abc"),
      OkRecord("b", "p2", 0, "abc"),            OkRecord("c", "p2", 0, "xyz"),
  };
  return run;
}

PanelReport Build(const RunData& run, int examples = 3) {
  const PanelSimilarity similarity =
      ComputePanelSimilarity(CollectPanelAnswers(run), BuiltinMeasures(), 1);
  return BuildPanelReport(run, similarity, RelativeNearest(similarity), examples);
}

TEST_CASE("The report takes run id and suite versions from the manifest") {
  const PanelReport report = Build(SmallRun());
  CHECK(report.run_id == "run-42");
  REQUIRE(report.suites.size() == 1);
  CHECK(report.suites[0].name == "demo");
  CHECK(report.suites[0].version == "1.0");
  CHECK(report.prompts == 2);
}

TEST_CASE("Without manifest fields the run id is the folder name and suites come from the plan") {
  RunData run = SmallRun();
  run.manifest = nlohmann::json::object();
  const PanelReport report = Build(run);
  CHECK(report.run_id == "run-42");
  REQUIRE(report.suites.size() == 1);
  CHECK(report.suites[0].name == "demo");
  CHECK(report.suites[0].version.empty());
}

TEST_CASE("Models carry ok and error counts and mean output length in code points") {
  const PanelReport report = Build(SmallRun());
  REQUIRE(report.models.size() == 3);
  CHECK(report.models[0].name == "b");
  CHECK(report.models[0].ok == 2);
  CHECK(report.models[0].errors == 1);
  CHECK(report.models[0].mean_output_chars == Approx((8.0 + 3.0) / 2));
  CHECK(report.models[1].name == "a");
  CHECK(report.models[1].mean_output_chars == Approx((13.0 + 5.0 + 3.0) / 3));
  CHECK(report.models[2].errors == 1);
  REQUIRE(report.matrices.size() == 3);
  CHECK(report.matrices[0].measure == "word-ngram-jaccard");
  CHECK(report.matrices[0].values.size() == 9);
  CHECK(report.nearest.rows.size() == 3);
}

TEST_CASE("Examples show each model's first ok sample, else its error") {
  const PanelReport report = Build(SmallRun(), 1);
  REQUIRE(report.examples.size() == 1);
  const ReportExample& example = report.examples[0];
  CHECK(example.prompt == "demo/p1");
  CHECK(example.question == "Question one?");
  REQUIRE(example.answers.size() == 3);
  CHECK(example.answers[0].model == "b");
  CHECK(example.answers[0].ok);
  CHECK(example.answers[0].text == "b answer");
  CHECK(example.answers[1].model == "a");
  CHECK(example.answers[1].text == "Қазақ");
  CHECK(example.answers[2].model == "c");
  CHECK_FALSE(example.answers[2].ok);
  CHECK(example.answers[2].text == "HTTP 500");
}

TEST_CASE("Every prompt's answers are kept for the side-by-side view") {
  const PanelReport report = Build(SmallRun(), 1);
  REQUIRE(report.prompt_answers.size() == 2);
  CHECK(report.prompt_answers[0].prompt == "demo/p1");
  CHECK(report.prompt_answers[1].prompt == "demo/p2");
  CHECK(report.prompt_answers[1].question == "Question two?");
  REQUIRE(report.prompt_answers[1].answers.size() == 3);
  CHECK(report.prompt_answers[1].answers[2].text == "xyz");
  CHECK(report.provenance.empty());
}

TEST_CASE("Model cards count lengths, habits, tokens, latency, cost and error kinds") {
  RunData run = SmallRun();
  run.manifest["counters"] = {{"a", {{"cost_usd", 0.25}}}, {"b", {{"cost_usd", nullptr}}}};
  run.manifest["status"] = "incomplete";
  run.manifest["planned"] = 8;
  for (ResponseRecord& record : run.records) {
    if (record.model == "a") {
      record.input_tokens = 10;
      record.output_tokens = 5;
      record.latency_ms = record.sample == 0 ? 100 : 300;
    }
  }
  run.records.push_back(testing::OkRecord("c", "p1", 1, "# Title\n\n- one\n- **two** 🙂\n\nOk?"));
  run.records[2].error_kind = "";  // b's error: counted as "unknown"
  const PanelReport report = Build(run);
  CHECK(report.run.status == "incomplete");
  CHECK(report.run.planned == 8);
  CHECK(report.run.records == 9);
  const ReportModel& a = report.models[1];
  REQUIRE(a.name == "a");
  CHECK(a.length_histogram == std::vector<int>{3, 0, 0, 0, 0, 0, 0, 0});
  CHECK(a.length_p50 == Approx(5));
  CHECK(a.input_tokens == 30);
  CHECK(a.output_tokens == 15);
  CHECK(a.reasoning_tokens == -1);
  CHECK(a.cost_usd == Approx(0.25));
  CHECK(a.latency_p50_ms == Approx(100));
  CHECK(a.latency_mean_ms == Approx(500.0 / 3));
  CHECK(a.habits.headings == Approx(0));
  const ReportModel& b = report.models[0];
  CHECK(std::isnan(b.cost_usd));
  REQUIRE(b.error_kinds.size() == 1);
  CHECK(b.error_kinds[0].kind == "unknown");
  const ReportModel& c = report.models[2];
  REQUIRE(c.error_kinds.size() == 1);
  CHECK(c.error_kinds[0].kind == "server");
  CHECK(c.error_kinds[0].count == 1);
  // c has two ok answers: "xyz" and the formatted one.
  CHECK(c.habits.headings == Approx(0.5));
  CHECK(c.habits.bullets == Approx(0.5));
  CHECK(c.habits.bold == Approx(0.5));
  CHECK(c.habits.emoji == Approx(0.5));
  CHECK(c.habits.questions == Approx(0.5));
  CHECK(c.habits.numbered == Approx(0));
  CHECK(c.habits.tables == Approx(0));
}

}  // namespace
}  // namespace kinship
