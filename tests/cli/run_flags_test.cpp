// The run flags that shape the plan, checked on the records the real binary writes.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

// sample index -> the temperatures its records carry
std::map<int, std::map<double, int>> TemperaturesBySample(const std::filesystem::path& run_dir) {
  std::map<int, std::map<double, int>> seen;
  std::ifstream in(run_dir / "responses.jsonl", std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    auto record = nlohmann::json::parse(line);
    ++seen[record["sample"].get<int>()][record["temperature"].get<double>()];
  }
  return seen;
}

}  // namespace

TEST_CASE("run --greedy-first makes sample 0 greedy and the rest sampled at --temperature") {
  TempDir tmp;
  auto run_dir = tmp.path() / "run";
  auto result = RunProcess(Kinship({"run", "demo", "--model", "teacher-a", "--model", "control",
                         "--samples", "3", "--greedy-first", "--temperature", "0.7",
                         "--no-cache", "--quiet", "--out", run_dir.string()}));
  REQUIRE(result.exit_code == 0);

  auto seen = TemperaturesBySample(run_dir);
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].size() == 1);
  CHECK(seen[0].count(0.0) == 1);
  for (int sample : {1, 2}) {
    CHECK(seen[sample].size() == 1);
    CHECK(seen[sample].count(0.7) == 1);
  }

  std::ifstream manifest_file(run_dir / "manifest.json");
  auto manifest = nlohmann::json::parse(manifest_file);
  CHECK(manifest["sampling_protocol"]["greedy_first_sample"] == true);
  CHECK(manifest["sampling_protocol"]["sampled_temperature"] == 0.7);
}

TEST_CASE("run without --greedy-first applies --temperature to every sample") {
  TempDir tmp;
  auto run_dir = tmp.path() / "run";
  auto result = RunProcess(Kinship({"run", "demo", "--model", "teacher-a", "--samples", "2",
                         "--temperature", "0.7", "--no-cache", "--quiet", "--out",
                         run_dir.string()}));
  REQUIRE(result.exit_code == 0);

  for (auto& [sample, temperatures] : TemperaturesBySample(run_dir)) {
    CHECK(temperatures.size() == 1);
    CHECK(temperatures.count(0.7) == 1);
  }
  std::ifstream manifest_file(run_dir / "manifest.json");
  CHECK_FALSE(nlohmann::json::parse(manifest_file).contains("sampling_protocol"));
}
