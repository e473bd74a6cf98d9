#include "harness/report/json_report.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/report/sample_report.h"

namespace kinship {
namespace {

TEST_CASE("The JSON report carries the panel's numbers with null for missing data") {
  const nlohmann::json doc = nlohmann::json::parse(RenderJson(testing::SampleReport()));
  CHECK(doc["format"] == "kinship-report/1");
  CHECK(doc["run_id"] == "2024-05-01-demo");
  CHECK(doc["suites"][0]["name"] == "demo");
  CHECK(doc["suites"][1]["version"] == "");
  CHECK(doc["prompts"] == 2);
  REQUIRE(doc["models"].size() == 3);
  CHECK(doc["models"][2]["name"] == "模型");
  CHECK(doc["models"][1]["errors"] == 1);
  CHECK(doc["models"][0]["mean_output_chars"] == 12.5);
  const auto& matrix = doc["matrices"][0];
  CHECK(matrix["measure"] == "first-words");
  CHECK(matrix["values"][0][1] == 0.8);
  CHECK(matrix["values"][1][1].is_null());  // NaN
  CHECK(matrix["n"][1][2] == 1);
  CHECK(doc["nearest"]["rows"][2]["closest"].is_null());
  CHECK(doc["nearest"]["rows"][0]["excess"] == 1.5);
  CHECK(doc["examples"][0]["answers"][2]["text"] == "阿斯塔纳。");
  CHECK_FALSE(doc.contains("answers"));
  CHECK(doc["provenance"].empty());
}

TEST_CASE("JSON matrices carry the clustering order: the most alike pair is adjacent") {
  const nlohmann::json doc = nlohmann::json::parse(RenderJson(testing::SampleReport()));
  const auto& matrix = doc["matrices"][0];
  // teacher-student (0.8) merge first, then 模型 joins.
  CHECK(matrix["order"] == nlohmann::json::array({0, 1, 2}));
  REQUIRE(matrix["merges"].size() == 2);
  CHECK(matrix["merges"][0][0] == 0);
  CHECK(matrix["merges"][0][1] == 1);
  CHECK(matrix["merges"][0][2].get<double>() == Approx(0.2));
  CHECK(matrix["merges"][1][0] == 3);
  CHECK(matrix["merges"][1][1] == 2);
  CHECK(matrix["merges"][1][3] == 3);
}

TEST_CASE("JSON provenance verdicts keep their signals, evidence and interval") {
  PanelReport report = testing::SampleReport();
  ReportProvenance verdict;
  verdict.suspect = "student";
  verdict.candidate = "teacher";
  verdict.verdict = "likely distilled";
  verdict.probability = 0.9;
  verdict.p_value = 0.01;
  verdict.effect = 0.3;
  verdict.ci95_low = 0.1;
  verdict.ci95_high = std::numeric_limits<double>::quiet_NaN();
  verdict.signals = {{"first-words", 0.02, 0.25}};
  verdict.evidence_phrases = {"I hope this helps!"};
  verdict.identity_claims = {"I am Teacher"};
  testing::AddVerdictDetails(&verdict);
  report.provenance.push_back(verdict);
  ReportProvenance second = verdict;
  second.candidate = "other";
  second.rank = 2;
  second.direction.clear();
  report.provenance.push_back(second);
  report.provenance_confounders = {"Shared public datasets: ...", "Same base family: ..."};
  const nlohmann::json doc = nlohmann::json::parse(RenderJson(report));
  const auto& p = doc["provenance"][0];
  CHECK(p["rank"] == 1);
  CHECK(p["evidence_z"] == 2.9);
  CHECK(p["controls_beaten"] == 3);
  CHECK(p["controls_total"] == 4);
  CHECK(p["wording"] == verdict.wording);
  CHECK(p["reason"] == "combined p = 0.0002");
  CHECK(p["direction"] == verdict.direction);
  CHECK(doc["provenance"][1]["direction"].is_null());  // stated for the first-ranked only
  CHECK(p["signals"][1]["z"] == 2.5);
  CHECK(p["signals"][1]["note"] == "ranking only");
  CHECK(p["signals"][1]["p_value"].is_null());
  CHECK(doc["provenance_confounders"].size() == 2);
  CHECK(p["suspect"] == "student");
  CHECK(p["ci95"][0] == 0.1);
  CHECK(p["ci95"][1].is_null());
  CHECK(p["signals"][0]["name"] == "first-words");
  CHECK(p["signals"][0]["effect"] == 0.25);
  CHECK(p["evidence_phrases"][0] == "I hope this helps!");
  CHECK(p["identity_claims"][0] == "I am Teacher");
}

TEST_CASE("JSON text is valid UTF-8 even when model text is not") {
  PanelReport report = testing::SampleReport();
  report.examples[0].answers[0].text = "ok \xFF\xC3 end";
  JsonReportOptions options;
  options.indent = -1;
  options.all_answers = true;
  report.prompt_answers = report.examples;
  const std::string text = RenderJsonWith(report, options);
  CHECK(text.find('\n') == std::string::npos);
  const nlohmann::json doc = nlohmann::json::parse(text);
  CHECK(doc["answers"][0]["answers"][0]["text"] == "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
}

}  // namespace
}  // namespace kinship
