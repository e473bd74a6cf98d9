#include "harness/provenance/provenance_format.h"

#include <cmath>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/provenance/zoo_panel.h"

namespace kinship {
namespace {

SuspectVerdict Sample() {
  SuspectVerdict v;
  v.suspect = "Сәлем-model";
  v.n_prompts = 40;
  v.controls = {"c1", "c2"};
  CandidateVerdict c;
  c.model = "T";
  c.verdict = Verdict::kModerate;
  c.probability = 0.8;
  c.p_value = 0.004;
  c.effect = 0.02;
  c.ci95 = {0.01, std::nan("")};
  c.controls_total = 2;
  c.evidence_z = 1.5;
  c.features.evidence_z = 1.5;
  SignalVerdictRow tested;
  tested.name = "first-5";
  tested.z = 2.25;
  c.signals.push_back(tested);
  SignalVerdictRow row;
  row.name = "capa";
  row.available = false;
  row.unavailable_reason = "no answer-keyed prompts";
  row.p_value = std::nan("");
  c.signals.push_back(row);
  SignalVerdictRow ranking;
  ranking.name = "stylometric-separability";
  ranking.ranking_only = true;
  ranking.z = 0.75;
  ranking.p_value = std::nan("");
  c.signals.push_back(ranking);
  v.candidates.push_back(c);
  v.ranking = {"T"};
  return v;
}

TEST_CASE("provenance JSON has the specified fields, nulls for missing numbers") {
  const auto j = ProvenanceJson(Sample());
  CHECK(j["suspect"] == "Сәлем-model");
  CHECK(j["n_prompts"] == 40);
  CHECK(j["ranking"][0] == "T");
  CHECK(j["direction"].is_null());
  const auto& c = j["candidates"][0];
  CHECK(c["verdict"] == "moderate");
  CHECK(c["ci95"][0] == 0.01);
  CHECK(c["ci95"][1].is_null());
  CHECK(c["controls_total"] == 2);
  CHECK(c["wording"].get<std::string>().find("consistent with training on T-derived data") !=
        std::string::npos);
  CHECK(c["evidence_z"] == 1.5);
  CHECK(c["features"]["evidence_z"] == 1.5);
  CHECK(c["signals"][0]["z"] == 2.25);
  CHECK(c["signals"][1]["available"] == false);
  CHECK(c["signals"][1]["p_value"].is_null());
  CHECK(c["signals"][1]["z"].is_null());
  CHECK(j["confounders"].size() == 3);
}

TEST_CASE("the text lists tested signals by p, missing ones as n/a, ranking-only ones by z") {
  std::string text = ProvenanceText({Sample()});
  CHECK(text.find(" first-5 p=1") != std::string::npos);
  CHECK(text.find(" capa (n/a)") != std::string::npos);
  CHECK(text.find(" stylometric-separability z=0.75 (ranking only)") != std::string::npos);
  CHECK(text.find("p=n/a") == std::string::npos);
}

TEST_CASE("shared phrases are shown escaped: no terminal control, no Markdown markup") {
  SuspectVerdict v = Sample();
  v.candidates[0].shared_phrases = {"I hope this helps", "\x1b[31mred\nline", "a | <b>"};
  const std::string text = ProvenanceText({v});
  CHECK(text.find("  shared phrases: \"I hope this helps\" · ") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);  // no escape sequence reaches the terminal
  CHECK(text.find("red line") != std::string::npos);  // the line break became a space
  const std::string md = ProvenanceMarkdown({v});
  CHECK(md.find("\"a \\| &lt;b&gt;\"") != std::string::npos);
  CHECK(md.find("<b>") == std::string::npos);
  CHECK(ProvenanceJson(v)["candidates"][0]["shared_phrases"][1] == "\x1b[31mred\nline");
  // None: no line at all.
  CHECK(ProvenanceText({Sample()}).find("shared phrases") == std::string::npos);
}

TEST_CASE("the text pads candidate names by display columns, not bytes") {
  SuspectVerdict v = Sample();
  v.candidates[0].model = "Қазақ-модель";  // 12 columns, 23 bytes
  v.ranking = {"Қазақ-модель"};
  const std::string text = ProvenanceText({v});
  CHECK(text.find("  Қазақ-модель" + std::string(16, ' ') + " moderate ") != std::string::npos);
}

TEST_CASE("Markdown shows plain model names as code and escapes the others") {
  SuspectVerdict v = Sample();
  v.candidates[0].model = "org/a|b`c";
  v.ranking = {"org/a|b`c"};
  const std::string md = ProvenanceMarkdown({v});
  CHECK(md.find("### Provenance of `Сәлем-model`") != std::string::npos);
  CHECK(md.find("controls: `c1`, `c2`.") != std::string::npos);
  CHECK(md.find("| 1 | org/a\\|b\\`c | moderate |") != std::string::npos);
}

TEST_CASE("a direction appears in the JSON only when at least 3 cues agree") {
  SuspectVerdict v = Sample();
  DirectionResult d;
  d.teacher = "T";
  d.cues = {{"a", 0.1, 0.01, true}, {"b", 0.1, 0.01, true}};
  d.agreeing = 2;
  v.direction = d;
  CHECK(ProvenanceJson(v)["direction"].is_null());
  CHECK(ProvenanceJson(v)["direction_cues"].size() == 2);
  v.direction->cues.push_back({"c", 0.1, 0.02, true});
  v.direction->agreeing = 3;
  v.direction->stated = true;
  const auto j = ProvenanceJson(v);
  CHECK(j["direction"]["teacher"] == "T");
  CHECK(j["direction"]["cues"].size() == 3);
  CHECK(ProvenanceText({v}).find("likely Сәлем-model <- T") != std::string::npos);
}

TEST_CASE("several suspects give a JSON array, one an object") {
  CHECK(ProvenanceJson(std::vector<SuspectVerdict>{Sample()}).is_object());
  CHECK(ProvenanceJson(std::vector<SuspectVerdict>{Sample(), Sample()}).is_array());
}

TEST_CASE("the report summary has one row per ordered model pair and the checklist") {
  const SignalPanel panel = testing::ZooDemoPanel(2);
  const auto verdicts = PairwiseProvenance(panel, 2);
  const std::string md = ProvenanceSummaryMarkdown(verdicts, panel.Models());
  CHECK(md.find("## Provenance summary") != std::string::npos);
  // The pairs called strong or moderate, strongest first, then every ordered pair.
  const std::size_t all = md.find("All pairs:");
  REQUIRE(all != std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = md.find("\n| `", all); at != std::string::npos; at = md.find("\n| `", at + 1)) {
    ++rows;
  }
  CHECK(rows == panel.Models() * (panel.Models() - 1));
  const std::size_t notable = md.find("Called strong or moderate: ");
  REQUIRE(notable != std::string::npos);
  INFO(md.substr(notable, all - notable));
  CHECK(md.find("| `student-a` | `teacher-a` | strong", notable) < all);
  CHECK(md.find("| `student-a` | `teacher-a` | strong", all) != std::string::npos);
  // Every pair called strong or moderate is listed, and only those, strong before moderate.
  std::size_t listed = 0;
  bool moderate_seen = false;
  for (const auto& v : verdicts) {
    for (const auto& c : v.candidates) {
      const std::string row = "| `" + v.suspect + "` | `" + c.model + "` | ";
      const bool in_list = md.find(row, notable) < all;
      const bool worth = c.verdict == Verdict::kStrong || c.verdict == Verdict::kModerate;
      CHECK(in_list == worth);
      listed += in_list ? 1 : 0;
    }
  }
  CHECK(listed > 0);
  for (std::size_t at = md.find("\n| `", notable); at < all; at = md.find("\n| `", at + 1)) {
    const bool strong = md.compare(md.find("` | ", md.find("` | ", at) + 4) + 4, 6, "strong") == 0;
    CHECK_FALSE((strong && moderate_seen));  // no strong row after a moderate one
    if (!strong) moderate_seen = true;
  }
  CHECK(md.find("Same base family") != std::string::npos);
  const std::string text = ProvenanceSummaryText(verdicts, panel.Models());
  CHECK(text.find("student-a") != std::string::npos);
  CHECK(ProvenanceSummaryMarkdown({}, 3).find("Needs at least 4 models") != std::string::npos);
  // The quick all-pairs settings do not examine the direction, and say so rather than
  // blame the verdict for it.
  CHECK(DirectionLine(verdicts.front()).find("not examined here") == 0);
  SuspectVerdict asked;
  CHECK(DirectionLine(asked) == "direction undetermined (no moderate or strong candidate)");
}

}  // namespace
}  // namespace kinship
