// `kinship provenance` on a real run of the demo zoo: the JSON shape of results/README.md
// and the exit code for unknown model names.
#include <filesystem>
#include <regex>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

// The demo suite against six zoo models (the panel of the tests below, fixed here so that
// `kinship demo` and new zoo models can change without changing it).
std::string DemoRun(const TempDir& dir) {
  const std::string run = (dir.path() / "run").string();
  auto result = RunProcess(Kinship({"run", "demo", "--model", "teacher-a", "--model", "teacher-b",
                                    "--model", "student-a", "--model", "student-b", "--model",
                                    "control", "--model", "partial-a", "--out", run, "--quiet"}));
  REQUIRE(result.exit_code == 0);
  return run;
}

}  // namespace

TEST_CASE("kinship provenance prints one JSON object per suspect with the specified fields",
          "[cli][provenance]") {
  TempDir dir;
  const std::string run = DemoRun(dir);
  auto result = RunProcess(Kinship({"provenance", run, "--suspect", "student-a", "--suspect",
                                    "control", "--candidate", "teacher-a", "--candidate",
                                    "teacher-b", "--format", "json"}));
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 2);
  const auto& a = json[0];
  CHECK(a["suspect"] == "student-a");
  CHECK(a["n_prompts"].get<int>() > 20);
  REQUIRE(a["candidates"].size() == 2);
  for (const auto& c : a["candidates"]) {
    for (const char* key : {"model", "verdict", "probability", "p_value", "effect", "ci95",
                            "signals", "controls_beaten", "controls_total", "evidence_z"}) {
      CHECK(c.contains(key));
    }
    CHECK(c["ci95"].size() == 2);
    CHECK(c["controls_total"] == 3);
    for (const auto& s : c["signals"]) {
      for (const char* key : {"name", "p_value", "effect", "ci95", "z"}) CHECK(s.contains(key));
    }
  }
  CHECK(a["ranking"][0] == "teacher-a");
  CHECK(a["candidates"][0]["verdict"] == "strong");
  // Shared distinctive phrases come with a strong verdict, not with an `against` one.
  CHECK_FALSE(a["candidates"][0]["shared_phrases"].empty());
  CHECK(a["candidates"][1]["shared_phrases"].empty());
  CHECK((a["direction"].is_null() || a["direction"]["teacher"] == "teacher-a"));
  CHECK(json[1]["suspect"] == "control");
  for (const auto& c : json[1]["candidates"]) CHECK(c["verdict"] != "strong");

  // The families the run recorded (the zoo's voices): no control of student-a's family
  // ('terse') is in this panel, so it is warned; control ('stepwise') has partial-a.
  auto family_warnings = [](const nlohmann::json& suspect) {
    int n = 0;
    for (const auto& w : suspect["warnings"]) {
      n += w.get<std::string>().find("no control is from the suspect's family") != std::string::npos;
    }
    return n;
  };
  CHECK(family_warnings(a) == 1);
  CHECK(a.dump().find("family 'terse'") != std::string::npos);
  CHECK(family_warnings(json[1]) == 0);
  CHECK(result.err.find("student-a: no control is from the suspect's family 'terse'") !=
        std::string::npos);

  // One suspect: a single object.
  auto single = RunProcess(Kinship({"provenance", run, "--suspect", "student-b", "--format",
                                    "json", "--candidate", "teacher-b"}));
  REQUIRE(single.exit_code == 0);
  CHECK(nlohmann::json::parse(single.out).is_object());

  // The same question as CSV: a header, then each suspect's candidates in ranking order,
  // with the probabilities the JSON gave (the same seed, so the same numbers).
  auto csv = RunProcess(Kinship({"provenance", run, "--suspect", "student-a", "--suspect",
                                 "control", "--candidate", "teacher-a", "--candidate",
                                 "teacher-b", "--format", "csv"}));
  REQUIRE(csv.exit_code == 0);
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < csv.out.size();) {
    const std::size_t end = csv.out.find("\r\n", at);
    REQUIRE(end != std::string::npos);
    lines.push_back(csv.out.substr(at, end - at));
    at = end + 2;
  }
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].rfind("suspect,rank,candidate,verdict,probability,", 0) == 0);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& suspect = json[i / 2];
    const std::string model = suspect["ranking"][i % 2];
    nlohmann::json candidate;
    for (const auto& c : suspect["candidates"]) {
      if (c["model"] == model) candidate = c;
    }
    const std::string expected = suspect["suspect"].get<std::string>() + "," +
                                 std::to_string(i % 2 + 1) + "," + model + "," +
                                 candidate["verdict"].get<std::string>() + "," +
                                 fmt::format("{}", candidate["probability"].get<double>()) + ",";
    CHECK(lines[i + 1].rfind(expected, 0) == 0);
  }
}

TEST_CASE("kinship provenance exits 2 with a suggestion for an unknown model",
          "[cli][provenance]") {
  TempDir dir;
  const std::string run = DemoRun(dir);
  auto result = RunProcess(Kinship({"provenance", run, "--suspect", "studnt-a"}));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("did you mean 'student-a'") != std::string::npos);
  // A model given both as a candidate and as a control is refused, not tested against itself.
  auto both = RunProcess(Kinship({"provenance", run, "--suspect", "student-a", "--candidate",
                                  "teacher-a", "--control", "teacher-a", "--control", "control"}));
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("--control: 'teacher-a' is also a --candidate") != std::string::npos);
  CHECK(both.out.empty());
}
