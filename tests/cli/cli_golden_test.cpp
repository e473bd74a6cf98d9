// Golden tests of the real binary: what a user types, what they see, and the exit code.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "harness/core/file_io.h"

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

namespace {

const std::string kSource = KINSHIP_SOURCE_DIR;

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("kinship with no arguments prints usage and exits 2", "[cli]") {
  auto result = RunProcess(Kinship({}));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("Usage: kinship COMMAND") != std::string::npos);
}

TEST_CASE("Unknown subcommands get a did-you-mean and exit 2", "[cli]") {
  auto result = RunProcess(Kinship({"reprot"}));
  CHECK(result.exit_code == 2);
  CHECK(FirstLine(result.err) ==
        "kinship: error: unknown command 'reprot'; did you mean 'report'? (see 'kinship --help')");
}

TEST_CASE("Unknown flags get a did-you-mean and exit 2", "[cli]") {
  auto result = RunProcess(Kinship({"run", "demo", "--modle", "teacher-a"}));
  CHECK(result.exit_code == 2);
  CHECK(FirstLine(result.err) ==
        "kinship: error: unknown flag '--modle' for 'kinship run'; did you mean '--model'? "
        "(see 'kinship run --help')");
}

TEST_CASE("Unknown models and suites get a did-you-mean and exit 2", "[cli]") {
  auto model = RunProcess(Kinship({"run", "demo", "--model", "teacher-z"}));
  CHECK(model.exit_code == 2);
  CHECK(model.err.find("unknown model 'teacher-z'; did you mean 'teacher-a'?") != std::string::npos);
  auto suite = RunProcess(Kinship({"run", "dmeo", "--model", "teacher-a"}));
  CHECK(suite.exit_code == 2);
  CHECK(suite.err.find("did you mean 'demo'?") != std::string::npos);
  auto adapter = RunProcess(Kinship({"run", "demo", "--model", "opnai:gpt-4o"}));
  CHECK(adapter.exit_code == 2);
  CHECK(adapter.err.find("did you mean 'openai'?") != std::string::npos);
}

TEST_CASE("Every subcommand has help with examples", "[cli]") {
  for (const char* command : {"run", "report", "list", "validate", "demo"}) {
    auto result = RunProcess(Kinship({command, "--help"}));
    INFO(command);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Usage: kinship " + std::string(command)) != std::string::npos);
    CHECK(result.out.find("Examples:") != std::string::npos);
  }
}

TEST_CASE("kinship list shows adapters, suites, models and signals", "[cli]") {
  auto result = RunProcess(Kinship({"list"}));
  CHECK(result.exit_code == 0);
  for (const char* expected : {"adapters:", "  sim ", "  echo ", "suites:", "  demo ", "models:",
                               "  teacher-a ", "  student-b ", "signals (provenance analysis):", "word-ngram-1-3", "measures (report similarity matrices):", "word-ngram-jaccard"}) {
    CHECK(result.out.find(expected) != std::string::npos);
  }
  auto bad = RunProcess(Kinship({"list", "adaptors"}));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("did you mean 'adapters'?") != std::string::npos);
}

TEST_CASE("kinship validate reports each bad suite with file, line, column and field", "[cli]") {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/tests/data/suites")) {
    if (entry.path().extension() != ".expected") continue;
    std::string suite = "tests/data/suites/" + entry.path().stem().string() + ".yaml";
    auto result = RunProcess(Kinship({"validate", suite}), kSource);
    INFO(suite);
    CHECK(result.exit_code == 2);
    CHECK(FirstLine(result.err) == "kinship: error: " + FirstLine(kinship::ReadFileOrThrow(entry.path())));
    ++checked;
  }
  CHECK(checked >= 4);
  auto good = RunProcess(Kinship({"validate", "suites/demo.yaml", "--models",
                                  "tests/data/cli/slow_echo.yaml"}),
                         kSource);
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("ok  suite demo") != std::string::npos);
  CHECK(good.out.find("ok  model echo-b") != std::string::npos);
}

TEST_CASE("kinship validate accepts every built-in suite by name", "[cli]") {
  const std::vector<std::string> suites = {"identity", "chat", "plain", "answer-keyed",
                                           "continuation", "refusal", "demo"};
  std::vector<std::string> argv = Kinship({"validate"});
  argv.insert(argv.end(), suites.begin(), suites.end());
  auto result = RunProcess(argv);
  REQUIRE(result.exit_code == 0);
  for (const auto& suite : suites) CHECK(result.out.find("ok  suite " + suite) != std::string::npos);
}

TEST_CASE("Kazakh, Russian, Chinese and Arabic round-trip byte-exact through run and report",
          "[cli][utf8]") {
  TempDir dir;
  auto run_dir = dir.path() / "run";
  auto run = RunProcess(Kinship({"run", kSource + "/tests/data/cli/multilingual.yaml", "--model",
                                 "echo:e1", "--model", "echo:e2", "--out", run_dir.string(),
                                 "--quiet"}));
  REQUIRE(run.exit_code == 0);
  auto report = RunProcess(Kinship({"report", run_dir.string(), "--quiet", "--examples", "4"}));
  REQUIRE(report.exit_code == 0);
  std::string responses = kinship::ReadFileOrThrow(run_dir / "responses.jsonl");
  std::string markdown = kinship::ReadFileOrThrow(run_dir / "report.md");
  for (const char* text : {"Қазақстанның астанасы қай қала? Жауабыңызды қысқа жазыңыз.",
                           "Объясните, почему небо голубое, в двух предложениях.",
                           "请用一句话解释为什么天空是蓝色的。",
                           "اشرح باختصار لماذا السماء زرقاء؟"}) {
    INFO(text);
    CHECK(responses.find(std::string("\"output\":\"") + text + "\"") != std::string::npos);
    CHECK(markdown.find(text) != std::string::npos);
  }
}
