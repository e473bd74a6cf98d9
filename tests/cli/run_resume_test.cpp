// The crash-safety promises of `kinship run`, tested on the real binary: SIGKILL at any
// moment followed by --resume loses nothing and duplicates nothing; SIGINT stops cleanly
// with exit code 130 and a resumable run.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::ChildProcess;
using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

const std::string kSource = KINSHIP_SOURCE_DIR;
constexpr int kPlanned = 60 * 3 * 2;  // many_prompts.yaml: 60 prompts x 3 samples x 2 models

struct Census {
  int lines = 0;
  int torn = 0;                              // unparseable lines (only ever the last)
  std::map<std::string, int> ok_per_item;    // item key -> ok records
};

Census Count(const std::filesystem::path& run_dir) {
  Census census;
  std::ifstream in(run_dir / "responses.jsonl", std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    ++census.lines;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      ++census.torn;
      continue;
    }
    if (j["status"] == "ok") {
      std::string key = j["model"].get<std::string>() + "/" + j["prompt_id"].get<std::string>() +
                        "/" + std::to_string(j["sample"].get<int>());
      ++census.ok_per_item[key];
    }
  }
  return census;
}

int LineCount(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}

std::string ManifestStatus(const std::filesystem::path& run_dir) {
  std::ifstream in(run_dir / "manifest.json");
  return nlohmann::json::parse(in).value("status", "");
}

}  // namespace

TEST_CASE("SIGKILL at random moments, then --resume, gives exactly one ok record per item",
          "[cli][resume]") {
  TempDir dir;
  auto run_dir = dir.path() / "run";
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> delay_ms(30, 250);
  int kills = 0;
  bool complete = false;
  for (int round = 0; round < 40 && !complete; ++round) {
    // Until a manifest exists (a kill can land before it is written) the run is started
    // afresh; afterwards it is resumed.
    bool started = std::filesystem::exists(run_dir / "manifest.json");
    std::vector<std::string> argv =
        !started ? Kinship({"run", kSource + "/tests/data/cli/many_prompts.yaml", "--models",
                              kSource + "/tests/data/cli/slow_echo.yaml", "--out",
                              run_dir.string(), "--concurrency", "4", "--quiet"})
                   : Kinship({"run", "--resume", run_dir.string(), "--concurrency", "4", "--quiet"});
    ChildProcess child(argv);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    child.Signal(SIGKILL);
    auto result = child.Wait();
    if (result.signal == SIGKILL) {
      ++kills;
    } else {
      REQUIRE(result.exit_code == 0);
      complete = true;
    }
    if (std::filesystem::exists(run_dir / "responses.jsonl")) {
      Census census = Count(run_dir);
      CHECK(census.torn <= 1);  // at most the line being written when killed
      for (const auto& [key, n] : census.ok_per_item) CHECK(n == 1);
    }
  }
  CHECK(kills >= 2);  // the test really interrupted the run, more than once
  if (!complete) {
    auto finish = RunProcess(Kinship({"run", "--resume", run_dir.string(), "--quiet"}));
    REQUIRE(finish.exit_code == 0);
  }
  Census census = Count(run_dir);
  CHECK(census.torn == 0);  // resume cut any torn tail before appending
  CHECK(census.ok_per_item.size() == static_cast<std::size_t>(kPlanned));
  for (const auto& [key, n] : census.ok_per_item) CHECK(n == 1);
  CHECK(ManifestStatus(run_dir) == "complete");
}

TEST_CASE("SIGINT stops cleanly with exit code 130 and the run resumes to completion",
          "[cli][resume]") {
  TempDir dir;
  auto run_dir = dir.path() / "run";
  ChildProcess child(Kinship({"run", kSource + "/tests/data/cli/many_prompts.yaml", "--models",
                              kSource + "/tests/data/cli/slow_echo.yaml", "--out",
                              run_dir.string(), "--concurrency", "1", "--quiet"}));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (LineCount(run_dir / "responses.jsonl") < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  child.Signal(SIGINT);
  auto result = child.Wait();
  CHECK(result.exit_code == 130);
  CHECK(result.err.find("kinship run --resume") != std::string::npos);
  CHECK(ManifestStatus(run_dir) == "interrupted");
  Census interrupted = Count(run_dir);
  CHECK(interrupted.torn == 0);
  CHECK(interrupted.ok_per_item.size() >= 20);
  CHECK(interrupted.ok_per_item.size() < static_cast<std::size_t>(kPlanned));

  auto resumed = RunProcess(Kinship({"run", "--resume", run_dir.string(), "--quiet"}));
  CHECK(resumed.exit_code == 0);
  Census done = Count(run_dir);
  CHECK(done.ok_per_item.size() == static_cast<std::size_t>(kPlanned));
  for (const auto& [key, n] : done.ok_per_item) CHECK(n == 1);
  CHECK(ManifestStatus(run_dir) == "complete");
}
