// Golden tests of the real binary: `kinship import` then `kinship report` on the result.
#include <filesystem>

#include <catch2/catch.hpp>

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

const std::string kData = std::string(KINSHIP_SOURCE_DIR) + "/tests/data/import/";

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("kinship import prints the run directory and report reads it", "[import][cli]") {
  TempDir tmp;
  std::string out = (tmp.path() / "imported").string();
  auto imported = RunProcess(
      Kinship({"import", kData + "answers.jsonl", "--format", "jsonl", "--out", out}));
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.out == out + "\n");
  CHECK(imported.err.rfind("imported 7 answers: 2 models x 3 prompts in ", 0) == 0);

  auto report = RunProcess(Kinship({"report", out, "--format", "terminal"}));
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  CHECK(report.out.find("models: 2  prompts: 3") != std::string::npos);
  CHECK(report.out.find("teacher") != std::string::npos);
  CHECK(report.out.find("student") != std::string::npos);
}

TEST_CASE("kinship import names the bad row and exits 2", "[import][cli]") {
  TempDir tmp;
  auto result = RunProcess(Kinship({"import", kData + "missing_field.jsonl", "--format", "jsonl",
                                    "--out", (tmp.path() / "x").string()}));
  CHECK(result.exit_code == 2);
  CHECK(FirstLine(result.err) == "kinship: error: " + kData +
                                     "missing_field.jsonl:2: prompt: missing required field; "
                                     "found 'promt': did you mean 'prompt'?");
  CHECK(result.out.empty());
}

TEST_CASE("kinship import refuses an unknown format with a did-you-mean", "[import][cli]") {
  auto result = RunProcess(Kinship({"import", kData + "answers.jsonl", "--format", "fastchta"}));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("did you mean 'fastchat'?") != std::string::npos);
}

TEST_CASE("kinship import --help shows usage and examples", "[import][cli]") {
  auto result = RunProcess(Kinship({"import", "--help"}));
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("Usage: kinship import FILE...") != std::string::npos);
  CHECK(result.out.find("Examples:") != std::string::npos);
}
