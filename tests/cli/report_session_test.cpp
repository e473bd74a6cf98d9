// The report's similarity tables on a run with a greedy answer beside sampled draws (the
// audit protocol, `run --greedy-first`): the real binary, reading a run whose answers are
// rewritten so that the greedy answer shares no word with the draws.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/file_io.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::ProcessResult;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

const std::string kData = std::string(KINSHIP_SOURCE_DIR) + "/tests/data/compare/";

ProcessResult Run(const TempDir& dir, std::initializer_list<std::string> args) {
  return RunProcess(Kinship(args), "", {"KINSHIP_CACHE_DIR=" + (dir.path() / "cache").string()});
}

// The CSV row "measure,model,model,..." of a model's self-similarity.
std::string SelfRow(const std::string& csv, const std::string& measure, const std::string& model) {
  std::istringstream in(csv);
  std::string line;
  const std::string prefix = measure + "," + model + "," + model + ",";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

}  // namespace

TEST_CASE("report compares sampled draws only: the greedy answer stays off the diagonal",
          "[cli][report]") {
  TempDir dir;
  const auto run = dir.path() / "run";
  REQUIRE(Run(dir, {"run", kData + "checks.yaml", "--models", kData + "echo_models.yaml",
                    "--model", "parrot", "--greedy-first", "--samples", "3", "--out",
                    run.string(), "--quiet"})
              .exit_code == 0);
  // Echo answers are the prompt, so every draw is the same text; the greedy sample 0 is
  // given words no draw has. Draw against draw: 1. Mixed in, it would pull the mean of the
  // three sample pairs to 1/3.
  std::string rewritten;
  std::istringstream in(kinship::ReadFileOrThrow(run / "responses.jsonl"));
  int greedy = 0;
  for (std::string line; std::getline(in, line);) {
    auto record = nlohmann::json::parse(line);
    if (record["temperature"] == 0.0) {
      record["output"] = "zzz qqq www";
      ++greedy;
    }
    rewritten += record.dump() + "\n";
  }
  REQUIRE(greedy > 0);
  std::ofstream(run / "responses.jsonl", std::ios::trunc) << rewritten;

  auto report = Run(dir, {"report", run.string(), "--format", "csv", "--out",
                          (dir.path() / "report.csv").string()});
  REQUIRE(report.exit_code == 0);
  const std::string csv = kinship::ReadFileOrThrow(dir.path() / "report.csv");
  const std::string row = SelfRow(csv, "word-ngram-jaccard", "parrot");
  INFO(csv);
  CHECK(row.rfind("word-ngram-jaccard,parrot,parrot,1,", 0) == 0);
}

TEST_CASE("report gives the all-pairs provenance summary up to --provenance-max-models models",
          "[cli][report]") {
  TempDir dir;
  const auto run = dir.path() / "run";
  REQUIRE(Run(dir, {"run", "demo", "--model", "teacher-a", "--model", "teacher-b", "--model",
                    "student-a", "--model", "control", "--model", "partial-a", "--out",
                    run.string(), "--quiet"})
              .exit_code == 0);
  const auto report = [&](std::initializer_list<std::string> extra) {
    std::vector<std::string> args = kinship::testing::Kinship(
        {"report", run.string(), "--format", "markdown", "--out",
         (dir.path() / "report.md").string(), "--quiet"});
    args.insert(args.end(), extra.begin(), extra.end());
    REQUIRE(RunProcess(args, "",
                       {"KINSHIP_CACHE_DIR=" + (dir.path() / "cache").string()})
                .exit_code == 0);
    return kinship::ReadFileOrThrow(dir.path() / "report.md");
  };
  const std::string full = report({});  // 5 models: within the default of 12
  CHECK(full.find("## Provenance summary") != std::string::npos);
  CHECK(full.find("| `student-a` | `teacher-a` |") != std::string::npos);
  CHECK(full.find("Skipped") == std::string::npos);
  const std::string skipped = report({"--provenance-max-models", "4"});
  CHECK(skipped.find("Skipped: 5 models is more than the 4") != std::string::npos);
  CHECK(skipped.find("| `student-a` | `teacher-a` |") == std::string::npos);
  CHECK(report({"--provenance-max-models", "5"}).find("| `student-a` | `teacher-a` |") !=
        std::string::npos);
}
