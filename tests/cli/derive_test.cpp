// `kinship derive cross-continuation` on a real run: a suite that validates and runs, with
// one prompt per (source prompt, model).
#include <filesystem>

#include <catch2/catch.hpp>

#include "harness/config/suite_loader.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("derive cross-continuation writes a suite every model can continue", "[cli][derive]") {
  TempDir dir;
  const auto run = dir.path() / "run";
  REQUIRE(RunProcess(Kinship({"run", "demo", "--model", "teacher-a", "--model", "student-a",
                              "--out", run.string(), "--quiet"}))
              .exit_code == 0);
  const auto suite = dir.path() / "derived" / "cc.yaml";
  auto derive = RunProcess(Kinship({"derive", "cross-continuation", run.string(), "--source-suite",
                                    "demo", "--prompts", "3", "--out", suite.string()}));
  REQUIRE(derive.exit_code == 0);
  CHECK(derive.out == suite.string() + "\n");
  CHECK(fs::exists(dir.path() / "derived" / "cc.jsonl"));
  const auto loaded = kinship::LoadSuite(suite);
  CHECK(loaded.name == "cross-continuation");
  // Three source prompts x two models (the sim answers are long enough to cut).
  REQUIRE(loaded.prompts.size() == 6);
  CHECK(loaded.prompts[0].id.find("@teacher-a") != std::string::npos);
  CHECK(loaded.prompts[1].id.find("@student-a") != std::string::npos);
  // Any model may continue them, also one that was not in the source run.
  auto continued = RunProcess(Kinship({"run", suite.string(), "--model", "teacher-a", "--model",
                                       "control", "--out", (dir.path() / "cc-run").string(),
                                       "--quiet"}));
  CHECK(continued.exit_code == 0);

  auto unknown = RunProcess(Kinship({"derive", "cross-continuaton", run.string(), "--out",
                                     suite.string()}));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("did you mean 'cross-continuation'?") != std::string::npos);
  auto empty = RunProcess(Kinship({"derive", "cross-continuation", run.string(), "--out",
                                   (dir.path() / "none.yaml").string()}));
  CHECK(empty.exit_code == 1);  // the run has no chat answers
  CHECK_FALSE(fs::exists(dir.path() / "none.yaml"));
}
