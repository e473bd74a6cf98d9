// Golden tests of `kinship cache` (harness/cli/cache_command.cpp) through the real binary:
// what a user types, what they see, and the exit code.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "harness/cache/response_cache.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

namespace {

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;
using namespace std::chrono_literals;

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// A cache with `n` entries of openai/gpt-4o and 2 of sim/teacher-a, stored 40 days ago
// (the first 3) and now (the rest).
void Fill(const std::filesystem::path& file, int n) {
  auto old = std::chrono::system_clock::now() - 40 * 24h;
  bool is_old = true;
  auto cache = kinship::ResponseCache::Open(file, [&] {
    return is_old ? old : std::chrono::system_clock::now();
  });
  kinship::ModelConfig openai;
  openai.adapter = "openai";
  openai.model = "gpt-4o";
  kinship::ModelConfig sim;
  sim.adapter = "sim";
  sim.model = "teacher-a";
  kinship::Completion answer;
  answer.ok = true;
  answer.output = std::string(2000, 'x');
  for (int i = 0; i < n; ++i) {
    is_old = i < 3;
    cache->Store("k" + std::to_string(i), openai, answer);
  }
  cache->Store("s1", sim, answer);
  cache->Store("s2", sim, answer);
}

}  // namespace

TEST_CASE("kinship cache stats prints entries, size, age range and per-model counts",
          "[cache_command]") {
  TempDir dir;
  const auto file = (dir.path() / "c.sqlite").string();
  Fill(file, 10);
  auto result = RunProcess(Kinship({"cache", "stats", "--cache", file}));
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("entries: 12\n") != std::string::npos);
  CHECK(result.out.find("size:    ") != std::string::npos);
  CHECK(result.out.find("(40d ago)") != std::string::npos);
  CHECK(result.out.find("  openai/gpt-4o  10\n") != std::string::npos);
  CHECK(result.out.find("  sim/teacher-a  2\n") != std::string::npos);
}

TEST_CASE("kinship cache prune --older-than removes the old entries only", "[cache_command]") {
  TempDir dir;
  const auto file = (dir.path() / "c.sqlite").string();
  Fill(file, 10);
  auto result = RunProcess(Kinship({"cache", "prune", "--older-than", "30d", "--cache", file}));
  CHECK(result.exit_code == 0);
  CHECK(FirstLine(result.out).rfind("removed 3 entries; 9 left", 0) == 0);
  CHECK(kinship::ResponseCache::Open(file)->Stats().entries == 9);
}

TEST_CASE("kinship cache prune --max-size shrinks the file under the limit", "[cache_command]") {
  TempDir dir;
  const auto file = (dir.path() / "c.sqlite").string();
  Fill(file, 400);
  auto result = RunProcess(Kinship({"cache", "prune", "--max-size", "200KB", "--cache", file}));
  CHECK(result.exit_code == 0);
  CHECK(kinship::ResponseCache::Open(file)->Stats().bytes <= 200'000);
}

TEST_CASE("kinship cache clear removes everything without asking", "[cache_command]") {
  TempDir dir;
  const auto file = (dir.path() / "c.sqlite").string();
  Fill(file, 5);
  auto result = RunProcess(Kinship({"cache", "clear", "--cache", file}));
  CHECK(result.exit_code == 0);
  CHECK(FirstLine(result.out) == "removed 7 entries from " + file);
  CHECK(kinship::ResponseCache::Open(file)->Stats().entries == 0);
}

TEST_CASE("kinship cache on a missing file says so and creates nothing", "[cache_command]") {
  TempDir dir;
  const auto file = (dir.path() / "nope" / "c.sqlite").string();
  auto result = RunProcess(Kinship({"cache", "stats", "--cache", file}));
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("no cache at") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "nope"));
}

TEST_CASE("kinship cache usage errors exit 2 with a helpful message", "[cache_command]") {
  auto typo = RunProcess(Kinship({"cache", "stat"}));
  CHECK(typo.exit_code == 2);
  CHECK(FirstLine(typo.err) ==
        "kinship: error: cache: unknown action 'stat'; did you mean 'stats'? (stats, clear, prune)");
  auto none = RunProcess(Kinship({"cache"}));
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("give an action: stats, clear or prune") != std::string::npos);
  auto no_limit = RunProcess(Kinship({"cache", "prune"}));
  CHECK(no_limit.exit_code == 2);
  CHECK(no_limit.err.find("--older-than AGE, --max-size SIZE") != std::string::npos);
  auto bad_age = RunProcess(Kinship({"cache", "prune", "--older-than", "30"}));
  CHECK(bad_age.exit_code == 2);
  CHECK(bad_age.err.find("--older-than: '30' is not an age") != std::string::npos);
  auto bad_size = RunProcess(Kinship({"cache", "prune", "--max-size", "5XB"}));
  CHECK(bad_size.exit_code == 2);
  CHECK(bad_size.err.find("--max-size: '5XB' is not a size") != std::string::npos);
  auto misplaced = RunProcess(Kinship({"cache", "stats", "--older-than", "3d"}));
  CHECK(misplaced.exit_code == 2);
}

TEST_CASE("kinship cache --help shows the actions and examples", "[cache_command]") {
  auto help = RunProcess(Kinship({"cache", "--help"}));
  CHECK(help.exit_code == 0);
  CHECK(help.out.rfind("Usage: kinship cache stats|clear|prune", 0) == 0);
  CHECK(help.out.find("kinship cache prune --older-than 30d") != std::string::npos);
  CHECK(help.out.find("--max-size SIZE") != std::string::npos);
}
