// `kinship demo` end to end in a temporary folder: the newcomer's first command.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "harness/core/file_io.h"
#include <nlohmann/json.hpp>

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

// The "closest" column of the Markdown nearest table for `model`.
std::string ClosestTo(const std::string& markdown, const std::string& model) {
  std::smatch match;
  std::regex row("\\n\\| " + model + " \\| ([a-z-]+) \\|");
  return std::regex_search(markdown, match, row) ? match[1].str() : "";
}

}  // namespace

TEST_CASE("kinship demo writes a run and a report where students are nearest their teachers",
          "[cli][demo]") {
  TempDir dir;
  // Run from an empty folder, as a newcomer would: results/ is created there.
  auto result = RunProcess(Kinship({"demo"}), dir.path().string());
  REQUIRE(result.exit_code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(result.out, match, std::regex("Report: (\\S+)")));
  std::filesystem::path report = dir.path() / match[1].str();
  REQUIRE(std::filesystem::exists(report));
  CHECK(report.parent_path().parent_path().filename() == "results");

  std::string markdown = kinship::ReadFileOrThrow(report);
  CHECK(ClosestTo(markdown, "student-a") == "teacher-a");
  CHECK(ClosestTo(markdown, "student-b") == "teacher-b");
  CHECK(ClosestTo(markdown, "teacher-a") == "student-a");
  CHECK(ClosestTo(markdown, "teacher-b") == "student-b");
  CHECK(ClosestTo(markdown, "control") != "teacher-a");
  CHECK(ClosestTo(markdown, "control") != "teacher-b");
  // The terminal summary shows the same table.
  CHECK(result.out.find("Closest other model, relative to the rest of the panel") != std::string::npos);

  auto run_dir = report.parent_path();
  auto manifest = nlohmann::json::parse(kinship::ReadFileOrThrow(run_dir / "manifest.json"));
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["planned"].get<int>() == manifest["suites"][0]["prompts"].get<int>() * 2 * 6);
  CHECK(manifest["models"].size() == 6);
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
  auto outputs = [](const std::filesystem::path& run) {
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
  CHECK(a.size() == 41 * 2 * 6);
  CHECK(a == outputs(dir.path() / "b"));
}
