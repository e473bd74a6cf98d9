// `kinship demo` end to end in a temporary folder: the newcomer's first command, an audit
// of the simulated zoo.
#include <filesystem>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/file_io.h"
#include "tests/cli/provenance_json.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Candidate;
using kinship::testing::Kinship;
using kinship::testing::ReadJson;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("kinship demo audits student-a with four controls and no warning", "[cli][demo]") {
  TempDir dir;
  // From an empty folder, as a newcomer would: results/ is created there.
  auto result = RunProcess(Kinship({"demo"}), dir.path().string());
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("warning") == std::string::npos);
  const auto runs = dir.path() / "results";
  REQUIRE(fs::exists(runs));
  const fs::path run = fs::directory_iterator(runs)->path();
  CHECK(run.filename().string().find("audit") != std::string::npos);
  CHECK(fs::exists(run / "report.html"));
  auto provenance = ReadJson(run / "provenance.json");
  CHECK(provenance["controls"].size() == 4);
  // base-a shares student-a's voice, so the primary lexical signal cannot beat it and the
  // verdict may stop at moderate; the other channels point at teacher-a.
  CHECK(provenance["ranking"][0] == "teacher-a");
  const std::string verdict = Candidate(provenance, "teacher-a")["verdict"];
  CHECK((verdict == "moderate" || verdict == "strong"));
  CHECK(Candidate(provenance, "teacher-b")["verdict"] != "strong");
  CHECK(result.out.find("Suspect student-a") != std::string::npos);
  CHECK(result.out.find("Report:") != std::string::npos);
  auto manifest = ReadJson(run / "manifest.json");
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["models"].size() == 7);
}

TEST_CASE("kinship demo is deterministic for a given seed", "[cli][demo]") {
  TempDir dir;
  auto first = RunProcess(Kinship({"demo", "--out", (dir.path() / "a").string(), "--seed", "3",
                                   "--quiet"}));
  auto second = RunProcess(Kinship({"demo", "--out", (dir.path() / "b").string(), "--seed", "3",
                                    "--quiet", "--concurrency", "1"}));
  REQUIRE(first.exit_code == 0);
  REQUIRE(second.exit_code == 0);
  // Same answers regardless of concurrency (records may be in another order).
  auto outputs = [](const fs::path& run) {
    std::map<std::string, std::string> by_item;
    std::ifstream in(run / "responses.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line);
      by_item[j["model"].get<std::string>() + "/" + j["prompt_id"].get<std::string>() + "/" +
              std::to_string(j["sample"].get<int>())] = j["output"];
    }
    return by_item;
  };
  auto a = outputs(dir.path() / "a");
  CHECK(a.size() == 216 * 7);
  CHECK(a == outputs(dir.path() / "b"));
  // And the same verdict, to the digit.
  CHECK(ReadJson(dir.path() / "a" / "provenance.json") == ReadJson(dir.path() / "b" / "provenance.json"));
}
