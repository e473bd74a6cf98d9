// The HTML report rendered by headless Chromium: the page's script runs to the end without
// a JavaScript error, hostile model text executes nothing, and the word diff marks words.
#include <unistd.h>

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "harness/analysis/builtin_measures.h"
#include "harness/analysis/panel_answers.h"
#include "harness/analysis/panel_similarity.h"
#include "harness/analysis/relative_nearest.h"
#include "harness/core/file_io.h"
#include "harness/report/html_report.h"
#include "harness/run/run_reader.h"
#include "tests/report/browser.h"
#include "tests/report/sample_report.h"

namespace kinship {
namespace {

namespace fs = std::filesystem;

fs::path OutputDir() {
  const fs::path dir = fs::path(KINSHIP_BUILD_DIR) / "tests" / "report" / "html";
  fs::create_directories(dir);
  return dir;
}

// The hostile fixture run, plus one answer with invalid UTF-8 (a run file cannot hold it:
// responses.jsonl is JSON) and one with a raw NUL byte.
PanelReport HostileReport() {
  RunData run = ReadRun(fs::path(KINSHIP_SOURCE_DIR) / "tests/data/report/hostile_run");
  ResponseRecord bad = run.records.front();
  bad.prompt_id = "mixed";
  bad.sample = 1;
  bad.output = std::string("broken \xC3\x28 utf-8 \xFF\xFE and a raw NUL ") + '\0' + " here";
  run.records.push_back(bad);
  const PanelSimilarity similarity =
      ComputePanelSimilarity(CollectPanelAnswers(run), BuiltinMeasures(), 1);
  return BuildPanelReport(run, similarity, RelativeNearest(similarity));
}

TEST_CASE("Hostile model text neither runs nor breaks the HTML report in Chromium") {
  testing::RequireChromium();
  const fs::path page = OutputDir() / "hostile.html";
  WriteFileAtomically(page, RenderHtml(HostileReport()));
  const std::string full_dom = testing::RunChromium("--dump-dom", page);
  const std::string dom = testing::RenderedPart(full_dom);
  const std::string body = testing::BodyTag(dom);
  INFO("body tag: " << body);
  REQUIRE_FALSE(dom.empty());
  CHECK(full_dom.size() > dom.size());  // the data block was found and cut off
  CHECK(body.find("data-ready=\"1\"") != std::string::npos);  // the page's script finished
  CHECK(body.find("data-error") == std::string::npos);        // without an uncaught error
  CHECK(body.find("data-pwned") == std::string::npos);         // no injected code ran
  CHECK(dom.find("data-pwned=") == std::string::npos);
  CHECK(dom.find("<script") == std::string::npos);  // no hostile text became markup
  CHECK(dom.find("<img") == std::string::npos);
  CHECK(dom.find("<iframe") == std::string::npos);
  CHECK(dom.find("<svg onload") == std::string::npos);
  CHECK(dom.find("<textarea") == std::string::npos);
  // The hostile text is on the page, as text (the left model is alpha, whose answers differ
  // from beta's at the words wrapped in <del>).
  CHECK(dom.find("Say hi &lt;/script&gt;&lt;script&gt;document.body.setAttribute('data-pwned','question')") !=
        std::string::npos);
  CHECK(dom.find("document.body.setAttribute('data-pwned','<del>answer</del>')&lt;/script&gt;") !=
        std::string::npos);
  CHECK(dom.find("<del>[click](</del>javascript:") != std::string::npos);
  CHECK(dom.find("beta &lt;img src=x onerror=") != std::string::npos);
  CHECK(dom.find("<title>kinship report: hostile&lt;/title&gt;") != std::string::npos);
  // Bidirectional overrides are shown as labels rather than reordering the page.
  CHECK(dom.find("<span class=\"ctl\">U+202E</span>") != std::string::npos);
  CHECK(dom.find("Астана — столица Казахстана") != std::string::npos);
  CHECK(dom.find("阿斯塔纳是首都") != std::string::npos);
  CHECK(dom.find("<span class=\"ctl\">U+0000</span>") != std::string::npos);
  // No element carries a javascript: URL.
  CHECK(dom.find("href=\"javascript:") == std::string::npos);
}

TEST_CASE("The HTML report highlights the words two answers do not share") {
  PanelReport report = testing::SampleReport();
  report.models.resize(2);
  for (ReportMatrix& matrix : report.matrices) {
    matrix.values = {0.9, 0.8, 0.8, 0.7};
    matrix.n = {2, 2, 2, 2};
  }
  report.nearest = {true, {}};
  ReportExample example;
  example.prompt = "demo/cat";
  example.question = "Where did the cat sit?";
  example.answers = {{"teacher", true, "The cat sat on the mat."},
                     {"student", true, "The dog sat on the mat!"}};
  report.prompt_answers = {example};
  const fs::path page = OutputDir() / "diff.html";
  WriteFileAtomically(page, RenderHtml(report));
  const std::string dom = testing::RenderedPart(testing::RunChromium("--dump-dom", page));
  INFO("body tag: " << testing::BodyTag(dom));
  CHECK(testing::BodyTag(dom).find("data-ready=\"1\"") != std::string::npos);
  CHECK(dom.find("The <del>cat</del> sat on the mat<del>.</del>") != std::string::npos);
  CHECK(dom.find("The <ins>dog</ins> sat on the mat<ins>!</ins>") != std::string::npos);
  CHECK(dom.find("71% of words shared") != std::string::npos);  // 10 of 14 words
}

TEST_CASE("The HTML report of a full panel renders without errors and is screenshotted") {
  PanelReport report = HostileReport();
  ReportProvenance verdict;
  verdict.suspect = "beta";
  verdict.candidate = "alpha";
  verdict.verdict = "likely distilled";
  verdict.probability = 0.93;
  verdict.p_value = 0.0021;
  verdict.effect = 0.31;
  verdict.ci95_low = 0.12;
  verdict.ci95_high = 0.5;
  verdict.signals = {{"word-ngram-jaccard", 0.004, 0.28}, {"first-words", 0.03, 0.19}};
  verdict.evidence_phrases = {"I hope this helps!", "<script>document.body.setAttribute('data-pwned','evidence')</script>"};
  verdict.identity_claims = {"As a large language model trained by Alpha Labs"};
  testing::AddVerdictDetails(&verdict);
  report.provenance.push_back(verdict);
  report.provenance_confounders = {"The 'everyone resembles ChatGPT' hub: <b>popular</b> assistants"};
  const fs::path page = OutputDir() / "full.html";
  WriteFileAtomically(page, RenderHtml(report));
  const std::string dom = testing::RenderedPart(testing::RunChromium("--dump-dom", page));
  INFO("body tag: " << testing::BodyTag(dom));
  CHECK(testing::BodyTag(dom).find("data-ready=\"1\"") != std::string::npos);
  CHECK(testing::BodyTag(dom).find("data-error") == std::string::npos);
  CHECK(dom.find("data-pwned=") == std::string::npos);
  CHECK(dom.find("<script") == std::string::npos);
  CHECK(dom.find("likely distilled") != std::string::npos);
  CHECK(dom.find("I hope this helps!") != std::string::npos);
  CHECK(dom.find("No provenance query in this report.") == std::string::npos);
  CHECK(dom.find("consistent with training on alpha-derived data") != std::string::npos);
  CHECK(dom.find("controls beaten 3/4") != std::string::npos);
  CHECK(dom.find("ranking only") != std::string::npos);
  CHECK(dom.find("direction: direction undetermined") != std::string::npos);
  CHECK(dom.find("Confounders to rule out before citing any verdict") != std::string::npos);
  CHECK(dom.find("&lt;b&gt;popular&lt;/b&gt;") != std::string::npos);  // shown as text

  const fs::path screenshot = fs::path(KINSHIP_BUILD_DIR) / "report-screenshot.png";
  fs::remove(screenshot);
  testing::RunChromium("--screenshot=" + screenshot.string(), page);
  REQUIRE(fs::exists(screenshot));
  CHECK(fs::file_size(screenshot) > 10000);  // a rendered page, not a blank or failed one
}

TEST_CASE("The HTML report shows the pairs worth a look in full and the rest in one table") {
  PanelReport report = HostileReport();
  // 20 rows strongest first, as the report orders them: 14 strong or moderate get boxes
  // (more than the 12 shown at least), the 6 others one compact row each.
  for (int i = 0; i < 20; ++i) {
    ReportProvenance row;
    row.suspect = i == 19 ? "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
                          : "suspect-" + std::to_string(i);
    row.candidate = "teacher";
    row.verdict = i < 4 ? "strong" : i < 14 ? "moderate" : "inconclusive";
    row.probability = 1.0 - i / 40.0;
    row.controls_beaten = 1;
    row.controls_total = 4;
    report.provenance.push_back(row);
  }
  const fs::path page = OutputDir() / "many_pairs.html";
  WriteFileAtomically(page, RenderHtml(report));
  const std::string dom = testing::RenderedPart(testing::RunChromium("--dump-dom", page));
  INFO("body tag: " << testing::BodyTag(dom));
  CHECK(testing::BodyTag(dom).find("data-ready=\"1\"") != std::string::npos);
  CHECK(dom.find("data-pwned=") == std::string::npos);
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = dom.find(needle); at != std::string::npos; at = dom.find(needle, at + 1)) ++n;
    return n;
  };
  CHECK(count("class=\"panel verdict\"") == 14);
  CHECK(dom.find("The other 6 pairs") != std::string::npos);
  const std::size_t table = dom.find("class=\"compact-verdicts\"");
  REQUIRE(table != std::string::npos);
  CHECK(dom.find("suspect-13", table) == std::string::npos);  // the last moderate has a box
  CHECK(dom.find("suspect-14", table) != std::string::npos);
  CHECK(dom.find("&lt;img src=x", table) != std::string::npos);  // a name shown as text
}

}  // namespace
}  // namespace kinship
