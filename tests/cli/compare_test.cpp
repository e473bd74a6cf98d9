// Golden tests of the real binary for assertions (run/report --junit, --min-pass-rate),
// `compare` (flips, drift, gates, exit codes) and shards + `merge`.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "harness/core/file_io.h"
#include <nlohmann/json.hpp>

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::ProcessResult;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

const std::string kSource = KINSHIP_SOURCE_DIR;
const std::string kData = kSource + "/tests/data/compare/";

// Runs kinship with a private response cache, so tests neither read nor fill the user's.
ProcessResult Run(const TempDir& dir, std::initializer_list<std::string> args) {
  return RunProcess(Kinship(args), "", {"KINSHIP_CACHE_DIR=" + (dir.path() / "cache").string()});
}

// The records of a run without the fields that legitimately differ between executions.
std::vector<std::string> RecordSet(const std::filesystem::path& run) {
  std::vector<std::string> out;
  std::istringstream in(kinship::ReadFileOrThrow(run / "responses.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    for (const char* volatile_key : {"started_at", "finished_at", "latency_ms", "cached"}) j.erase(volatile_key);
    out.push_back(j.dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("report scores assertions at report time and writes JUnit", "[cli][assertions]") {
  TempDir dir;
  auto run = (dir.path() / "run").string();
  auto junit = (dir.path() / "run.xml").string();
  auto result = Run(dir, {"run", kData + "checks.yaml", "--models", kData + "echo_models.yaml",
                          "--out", run, "--quiet", "--junit", junit});
  REQUIRE(result.exit_code == 0);
  std::string xml = kinship::ReadFileOrThrow(junit);
  CHECK(xml.find("<testsuites name=\"kinship run\" tests=\"10\" failures=\"4\"") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"parrot / checks\" tests=\"5\" failures=\"1\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"failed: 0/2 samples pass\">sample 0: fail (score 0.500)\n"
                 "  icontains-all: does not contain &apos;Алматы&apos;") != std::string::npos);

  auto report = Run(dir, {"report", run, "--format", "terminal", "--junit",
                          (dir.path() / "report.xml").string()});
  CHECK(report.exit_code == 0);
  CHECK(report.out.find("  parrot               checks              5      4      1      0      80.0%   0.860\n") !=
        std::string::npos);
  CHECK(report.out.find("  FAIL  prefixed / checks / capital: 0/2 samples pass; sample 0: starts-with: "
                        "starts with 'Answer: The', not 'The'\n") != std::string::npos);
  CHECK(kinship::ReadFileOrThrow(dir.path() / "report.xml") == kinship::ReadFileOrThrow(junit).replace(kinship::ReadFileOrThrow(junit).find("kinship run"), 11, "kinship report"));

  auto gate = Run(dir, {"report", run, "--quiet", "--format", "terminal", "--min-pass-rate", "0.5"});
  CHECK(gate.exit_code == 100);
  CHECK(gate.err == "kinship: gate failed: lowest pass rate 40.0% is below --min-pass-rate 50.0%\n");
  auto no_gate = Run(dir, {"report", run, "--quiet", "--format", "terminal", "--min-pass-rate", "0.4"});
  CHECK(no_gate.exit_code == 0);
}

TEST_CASE("compare lists flipped cases and a small suite's drop is not called significant", "[cli][compare]") {
  TempDir dir;
  auto base = (dir.path() / "base").string();
  auto cur = (dir.path() / "cur").string();
  REQUIRE(Run(dir, {"run", kData + "checks.yaml", "--models", kData + "echo_models.yaml", "--model",
                    "parrot", "--out", base, "--quiet"}).exit_code == 0);
  REQUIRE(Run(dir, {"run", kData + "checks.yaml", "--models", kData + "echo_models_changed.yaml",
                    "--out", cur, "--quiet"}).exit_code == 0);
  auto result = Run(dir, {"compare", base, cur, "--fail-on", "regression", "--markdown",
                          (dir.path() / "c.md").string()});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("pass->fail parrot / checks / capital: 100% -> 0%\n") != std::string::npos);
  CHECK(result.out.find("pass->fail parrot / checks / json: 100% -> 0%\n") != std::string::npos);
  CHECK(result.out.find("Gate passed.") != std::string::npos);
  CHECK(kinship::ReadFileOrThrow(dir.path() / "c.md").find("| parrot | checks | `capital` | pass→fail | 100% → 0% |") !=
        std::string::npos);
  // A tolerated drop of 0.3 still passes; the point estimate of the change is -40 points.
  CHECK(result.out.find("-40.0 [") != std::string::npos);
}

TEST_CASE("compare finds drift when the endpoint's model changes, not when only the seed does",
          "[cli][compare]") {
  TempDir dir;
  auto base = (dir.path() / "base").string();
  auto same = (dir.path() / "same").string();
  auto changed = (dir.path() / "changed").string();
  REQUIRE(Run(dir, {"run", "demo", "--models", kData + "endpoint_teacher.yaml", "--seed", "1",
                    "--out", base, "--quiet"}).exit_code == 0);
  REQUIRE(Run(dir, {"run", "demo", "--models", kData + "endpoint_teacher.yaml", "--seed", "2",
                    "--out", same, "--quiet"}).exit_code == 0);
  REQUIRE(Run(dir, {"run", "demo", "--models", kData + "endpoint_control.yaml", "--seed", "2",
                    "--out", changed, "--quiet"}).exit_code == 0);
  auto quiet = Run(dir, {"compare", base, same, "--fail-on", "drift"});
  INFO(quiet.out << quiet.err);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.find("  same\n") != std::string::npos);
  auto junit = (dir.path() / "drift.xml").string();
  auto alarm = Run(dir, {"compare", base, changed, "--fail-on", "any", "--junit", junit});
  INFO(alarm.out << alarm.err);
  CHECK(alarm.exit_code == 100);
  CHECK(alarm.out.find("  DRIFT\n") != std::string::npos);
  CHECK(alarm.out.find("Gate FAILED:\n  drift: endpoint outputs changed") != std::string::npos);
  CHECK(kinship::ReadFileOrThrow(junit).find("<testcase name=\"endpoint\" classname=\"kinship.compare.drift\">\n"
                          "      <failure message=\"outputs drifted") != std::string::npos);
}

TEST_CASE("compare usage errors exit 2", "[cli][compare]") {
  TempDir dir;
  CHECK(Run(dir, {"compare", "only-one"}).exit_code == 2);
  auto bad = Run(dir, {"compare", "a", "b", "--fail-on", "drfit"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("did you mean 'drift'?") != std::string::npos);
}

TEST_CASE("Three shards merged equal the unsharded run, record for record", "[cli][shard]") {
  TempDir dir;
  auto whole = dir.path() / "whole";
  REQUIRE(Run(dir, {"run", "demo", "--model", "teacher-a", "--model", "student-a", "--out",
                    whole.string(), "--quiet"}).exit_code == 0);
  std::vector<std::string> shard_dirs;
  std::size_t sharded_records = 0;
  for (int i = 0; i < 3; ++i) {
    auto shard = dir.path() / ("shard-" + std::to_string(i));
    REQUIRE(Run(dir, {"run", "demo", "--model", "teacher-a", "--model", "student-a", "--shard",
                      std::to_string(i) + "/3", "--out", shard.string(), "--quiet"}).exit_code == 0);
    auto manifest = nlohmann::json::parse(kinship::ReadFileOrThrow(shard / "manifest.json"));
    CHECK(manifest["shard"] == nlohmann::json{{"index", i}, {"count", 3}});
    sharded_records += RecordSet(shard).size();
    shard_dirs.push_back(shard.string());
  }
  auto merged = dir.path() / "merged";
  auto result = Run(dir, {"merge", shard_dirs[2], shard_dirs[0], shard_dirs[1], "--out", merged.string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("kinship: merged 3 of 3 shards,") == 0);
  CHECK(sharded_records == RecordSet(whole).size());
  CHECK(RecordSet(merged) == RecordSet(whole));
  CHECK(kinship::ReadFileOrThrow(merged / "prompts.jsonl") == kinship::ReadFileOrThrow(whole / "prompts.jsonl"));
  auto manifest = nlohmann::json::parse(kinship::ReadFileOrThrow(merged / "manifest.json"));
  CHECK(manifest["shard"].is_null());
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["planned"] == nlohmann::json::parse(kinship::ReadFileOrThrow(whole / "manifest.json"))["planned"]);

  auto twice = Run(dir, {"merge", shard_dirs[0], shard_dirs[0], "--out", (dir.path() / "m2").string()});
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("shard 0 appears twice") != std::string::npos);
}
