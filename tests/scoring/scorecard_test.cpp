#include "harness/scoring/scorecard.h"

#include <catch2/catch.hpp>

#include "tests/scoring/test_prompts.h"

using namespace kinship;
using namespace kinship::testing;

namespace {

RunData ThreeSampleRun() {
  std::vector<Prompt> prompts = {
      ScoredPrompt("always", {Check(AssertionKind::kContains, {"yes"})}),
      ScoredPrompt("sometimes", {Check(AssertionKind::kContains, {"yes"})}),
      ScoredPrompt("never", {Check(AssertionKind::kContains, {"yes"})}),
      ScoredPrompt("unscored", {}),
  };
  std::vector<ResponseRecord> records;
  for (int s = 0; s < 3; ++s) {
    records.push_back(Answer("m", "always", s, "yes"));
    records.push_back(Answer("m", "sometimes", s, s == 1 ? "no" : "yes"));
    records.push_back(Answer("m", "never", s, "no"));
    records.push_back(Answer("m", "unscored", s, "whatever"));
  }
  return MakeRun({"m"}, prompts, records);
}

}  // namespace

TEST_CASE("Cases that pass only in some samples are flagged flaky", "[scoring]") {
  Scorecard card = ScoreRun(ThreeSampleRun());
  REQUIRE(card.cases.size() == 3);  // the prompt without assertions is not a case
  CHECK(card.cases[0].pass);
  CHECK_FALSE(card.cases[0].flaky);
  CHECK(card.cases[1].flaky);
  CHECK_FALSE(card.cases[1].pass);
  CHECK(card.cases[1].pass_rate == Approx(2.0 / 3));
  CHECK_FALSE(card.cases[2].flaky);
  CHECK(card.cases[2].pass_rate == 0);
  REQUIRE(card.suites.size() == 1);
  CHECK(card.suites[0].cases == 3);
  CHECK(card.suites[0].passed == 1);
  CHECK(card.suites[0].failed == 2);
  CHECK(card.suites[0].flaky == 1);
  CHECK(card.suites[0].pass_rate == Approx((1 + 2.0 / 3 + 0) / 3));
}

TEST_CASE("Weights and the threshold decide whether an answer passes", "[scoring]") {
  auto heavy = Check(AssertionKind::kContains, {"a"});
  heavy.weight = 3;
  auto light = Check(AssertionKind::kContains, {"z"});
  Prompt prompt = ScoredPrompt("p", {heavy, light});
  ResponseRecord record = Answer("m", "p", 0, "a");
  CaseScore strict = ScoreCase(prompt, {&record});
  CHECK(strict.mean_score == Approx(0.75));
  CHECK_FALSE(strict.pass);  // default threshold 1: every assertion
  prompt.threshold = 0.7;
  CHECK(ScoreCase(prompt, {&record}).pass);
  prompt.threshold = 0.8;
  CHECK_FALSE(ScoreCase(prompt, {&record}).pass);
}

TEST_CASE("A failed request scores zero and fails its case", "[scoring]") {
  Prompt prompt = ScoredPrompt("p", {Check(AssertionKind::kContains, {"x"}, true)});
  ResponseRecord error = Answer("m", "p", 0, "");
  error.status = "error";
  error.error = "HTTP 500";
  CaseScore c = ScoreCase(prompt, {&error});
  CHECK_FALSE(c.pass);
  CHECK(c.samples[0].failures[0] == "no answer: HTTP 500");
}

TEST_CASE("Suite assertions replace the recorded ones by suite and prompt id", "[scoring]") {
  RunData run = ThreeSampleRun();
  Suite suite;
  suite.name = "qa";
  suite.path = "qa.yaml";
  suite.prompts = {ScoredPrompt("never", {Check(AssertionKind::kContains, {"no"})})};
  ApplySuiteAssertions({suite}, &run);
  Scorecard card = ScoreRun(run);
  CHECK(card.cases[2].prompt_id == "never");
  CHECK(card.cases[2].pass);
  suite.name = "other";
  CHECK_THROWS_AS(ApplySuiteAssertions({suite}, &run), ConfigError);
}

TEST_CASE("The JUnit form has one test case per prompt, failing when the case fails", "[scoring]") {
  auto suites = ScorecardToJUnit(ScoreRun(ThreeSampleRun()));
  REQUIRE(suites.size() == 1);
  REQUIRE(suites[0].cases.size() == 3);
  CHECK_FALSE(suites[0].cases[0].failure);
  CHECK(suites[0].cases[1].failure == std::optional<std::string>("flaky: 2/3 samples pass"));
  CHECK(suites[0].cases[2].failure == std::optional<std::string>("failed: 0/3 samples pass"));
  std::string xml = RenderJUnit(suites);
  CHECK(xml.find("tests=\"3\" failures=\"2\"") != std::string::npos);
}

TEST_CASE("JUnit text is escaped for XML", "[report]") {
  CHECK(XmlEscape("a<b & \"c\"\x01") == "a&lt;b &amp; &quot;c&quot;\xEF\xBF\xBD");
}
