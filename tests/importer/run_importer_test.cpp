#include "harness/importer/run_importer.h"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/config_error.h"
#include "tests/fakes/config_error_of.h"
#include "harness/core/file_io.h"
#include "harness/core/hash.h"
#include "harness/run/run_reader.h"
#include "tests/fakes/temp_dir.h"

using namespace kinship;
using kinship::testing::ConfigErrorOf;
using kinship::testing::TempDir;

namespace {

const std::string kData = std::string(KINSHIP_SOURCE_DIR) + "/tests/data/import/";

ImportRequest JsonlRequest(const std::filesystem::path& out, const std::string& file) {
  ImportRequest request;
  request.files = {kData + file};
  request.format = ImportFormat::kJsonl;
  request.out = out;
  return request;
}

const ResponseRecord* Find(const RunData& run, const std::string& model, const std::string& id,
                           int sample = 0) {
  for (const auto& r : run.records) {
    if (r.model == model && r.prompt_id == id && r.sample == sample) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("An imported jsonl file reads back through ReadRun like a real run", "[import]") {
  TempDir tmp;
  auto out = tmp.path() / "run";
  ImportSummary summary = ImportRun(JsonlRequest(out, "answers.jsonl"));
  CHECK(summary.models == 2);
  CHECK(summary.prompts == 3);
  CHECK(summary.records == 7);

  RunData run = ReadRun(out);
  CHECK(run.skipped_lines == 0);
  CHECK(run.ModelNames() == std::vector<std::string>{"teacher", "student"});
  const auto& manifest = run.manifest;
  CHECK(manifest["format"] == "kinship-run/1");
  CHECK(manifest["run_id"] == "run");
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["planned"] == 7);
  REQUIRE(manifest["suites"].size() == 1);
  CHECK(manifest["suites"][0]["name"] == "imported");
  CHECK(manifest["suites"][0]["version"] == "1");
  CHECK(manifest["suites"][0]["prompts"] == 3);
  CHECK(manifest["suites"][0]["content_hash"] ==
        Sha256Hex(ReadFileOrThrow(kData + "answers.jsonl")));
  CHECK(manifest["models"][0]["adapter"] == "replay");
  CHECK(manifest["models"][0]["options"]["recorded_model"] == "teacher");
  CHECK(manifest["models"][0]["options"]["source"] ==
        std::filesystem::absolute(out).lexically_normal().string());
  CHECK(manifest["counters"]["student"]["ok"] == 4);

  REQUIRE(run.prompts.size() == 3);
  CHECK(run.prompts[0].id == "kk-1");
  REQUIRE(run.prompts[0].messages.size() == 1);
  CHECK(run.prompts[0].messages[0].role == Role::kUser);
  CHECK(run.prompts[0].messages[0].content == "Қазақстанның астанасы қай қала?");
  CHECK(run.prompts[1].samples == std::optional<int>(2));
  CHECK(run.prompts[2].reference == std::optional<std::string>("القاهرة"));

  REQUIRE(run.records.size() == 7);
  const ResponseRecord* zh = Find(run, "student", "zh-1", 1);
  REQUIRE(zh != nullptr);
  CHECK(zh->output == "蓝光散射更强 \"引号\" \\ 反斜杠");
  CHECK(zh->ok());
  CHECK(zh->suite == "imported");
  CHECK(zh->input_tokens == -1);
  CHECK(zh->output_tokens == -1);
  CHECK(zh->attempts == 1);
  CHECK_FALSE(zh->cached);
  CHECK_FALSE(zh->started_at.empty());
  CHECK(Find(run, "student", "kk-1")->output == "Астана.\nЖауап: Астана қаласы.");
}

TEST_CASE("The --suite name is used for every prompt and record", "[import]") {
  TempDir tmp;
  auto request = JsonlRequest(tmp.path() / "run", "answers.jsonl");
  request.suite = "multilingual";
  ImportRun(request);
  RunData run = ReadRun(tmp.path() / "run");
  CHECK(run.manifest["suites"][0]["name"] == "multilingual");
  for (const auto& p : run.prompts) CHECK(p.suite == "multilingual");
  for (const auto& r : run.records) CHECK(r.suite == "multilingual");
}

TEST_CASE("Duplicate answers are an error naming both lines, and nothing is left", "[import]") {
  TempDir tmp;
  auto out = tmp.path() / "run";
  std::string error = ConfigErrorOf([&] { ImportRun(JsonlRequest(out, "duplicates.jsonl")); });
  CHECK(error.find("duplicates.jsonl:3: prompt_id: duplicate answer for model 'teacher', "
                   "prompt 'a', sample 0 (first at ") != std::string::npos);
  CHECK(error.find("duplicates.jsonl:1); pass --dedupe to keep the last") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("Import with --dedupe keeps the last of duplicate answers", "[import]") {
  TempDir tmp;
  auto request = JsonlRequest(tmp.path() / "run", "duplicates.jsonl");
  request.dedupe = true;
  ImportSummary summary = ImportRun(request);
  CHECK(summary.records == 2);
  CHECK(summary.replaced == 1);
  std::string text = ReadFileOrThrow(tmp.path() / "run" / "responses.jsonl");
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  RunData run = ReadRun(tmp.path() / "run");
  REQUIRE(run.records.size() == 2);
  CHECK(run.records[0].prompt_id == "b");
  CHECK(run.records[1].output == "second");
}

TEST_CASE("An --out folder that already holds a run is refused", "[import]") {
  TempDir tmp;
  ImportRun(JsonlRequest(tmp.path(), "answers.jsonl"));
  std::string before = ReadFileOrThrow(tmp.path() / "responses.jsonl");
  std::string error = ConfigErrorOf([&] { ImportRun(JsonlRequest(tmp.path(), "duplicates.jsonl")); });
  CHECK(error.find("already holds a run") != std::string::npos);
  CHECK(ReadFileOrThrow(tmp.path() / "responses.jsonl") == before);
}

TEST_CASE("A bad row fails the import and leaves no run behind", "[import]") {
  TempDir tmp;
  auto out = tmp.path() / "run";
  std::string error = ConfigErrorOf([&] { ImportRun(JsonlRequest(out, "invalid_utf8.jsonl")); });
  CHECK(error.find("invalid_utf8.jsonl:2:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("alpaca-eval files import with hashed prompt ids", "[import]") {
  TempDir tmp;
  ImportRequest request;
  request.files = {kData + "alpaca/tutor-7b/model_outputs.json"};
  request.format = ImportFormat::kAlpacaEval;
  request.out = tmp.path() / "run";
  ImportRun(request);
  RunData run = ReadRun(request.out);
  REQUIRE(run.records.size() == 2);
  CHECK(run.ModelNames() == std::vector<std::string>{"tutor-7b"});
  CHECK(run.prompts[1].messages[0].content == "用一句话解释引力。");
  CHECK(run.records[1].prompt_id == AlpacaPromptId("用一句话解释引力。"));
  CHECK(run.records[1].output == "质量相互吸引。 [brackets] {braces} \"quotes\"");
}

TEST_CASE("fastchat answers import per turn and per choice", "[import]") {
  TempDir tmp;
  ImportRequest request;
  request.files = {kData + "fastchat/model_answer/alpha.jsonl",
                   kData + "fastchat/model_answer/beta.jsonl"};
  request.format = ImportFormat::kFastChat;
  request.questions = kData + "fastchat/question.jsonl";
  request.suite = "mt-bench";
  request.out = tmp.path() / "run";
  ImportSummary summary = ImportRun(request);
  CHECK(summary.records == 10);
  CHECK(summary.prompts == 4);
  RunData run = ReadRun(request.out);
  CHECK(run.ModelNames() == std::vector<std::string>{"alpha", "beta"});
  CHECK(run.manifest["suites"][0]["content_hash"] ==
        Sha256Hex(ReadFileOrThrow(request.files[0]) + ReadFileOrThrow(request.files[1]) +
                  ReadFileOrThrow(request.questions)));
  CHECK(Find(run, "beta", "81-t2", 1)->output == "Жел.");
  CHECK(run.prompts[1].id == "81-t2");
  CHECK(run.prompts[1].messages[0].content == "Теперь переведите его на казахский.");
  CHECK(run.prompts[0].samples == std::optional<int>(2));
}

TEST_CASE("Import refuses --questions for formats other than fastchat", "[import]") {
  TempDir tmp;
  auto request = JsonlRequest(tmp.path() / "run", "answers.jsonl");
  request.questions = kData + "fastchat/question.jsonl";
  CHECK(ConfigErrorOf([&] { ImportRun(request); }).find("--questions") != std::string::npos);
}

TEST_CASE("A model name with a control or direction character is refused, with its line",
          "[import]") {
  TempDir tmp;
  auto write = [&](const std::string& name) {
    const auto file = tmp.path() / "names.jsonl";
    nlohmann::json a = {{"model", "plain"}, {"prompt_id", "1"}, {"prompt", "q"}, {"output", "x"}};
    nlohmann::json b = {{"model", name}, {"prompt_id", "1"}, {"prompt", "q"}, {"output", "y"}};
    std::ofstream(file) << a.dump() << "\n" << b.dump() << "\n";
    ImportRequest request;
    request.files = {file.string()};
    request.format = ImportFormat::kJsonl;
    request.out = tmp.path() / ("run-" + std::to_string(std::hash<std::string>{}(name)));
    return request;
  };
  CHECK(ConfigErrorOf([&] { ImportRun(write("evil\x1b[31m")); })
            .find("names.jsonl:2: model: the model name contains U+001B (a control character)") !=
        std::string::npos);
  CHECK(ConfigErrorOf([&] { ImportRun(write("two\nlines")); }).find("U+000A") != std::string::npos);
  CHECK(ConfigErrorOf([&] { ImportRun(write("a\u202Eb")); })
            .find("U+202E (a direction control)") != std::string::npos);
  // Spaces, punctuation and other scripts are fine.
  CHECK(ConfigErrorOf([&] { ImportRun(write("Claude 3 | Opus (2024) — Қазақ 中文")); }) ==
        "(no error)");
}
