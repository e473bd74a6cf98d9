#include "harness/importer/import_source.h"

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "tests/fakes/config_error_of.h"
#include "harness/core/hash.h"

using namespace kinship;
using kinship::testing::ConfigErrorOf;

namespace {

const std::string kData = std::string(KINSHIP_SOURCE_DIR) + "/tests/data/import/";

template <typename Read>
std::vector<ImportedRow> Collect(Read read) {
  std::vector<ImportedRow> rows;
  read([&rows](ImportedRow&& row) { rows.push_back(std::move(row)); });
  return rows;
}

}  // namespace

TEST_CASE("Import formats are parsed by name, with a did-you-mean", "[import]") {
  CHECK(ParseImportFormat("jsonl") == ImportFormat::kJsonl);
  CHECK(ParseImportFormat("alpaca-eval") == ImportFormat::kAlpacaEval);
  CHECK(ParseImportFormat("fastchat") == ImportFormat::kFastChat);
  CHECK(ConfigErrorOf([] { ParseImportFormat("alpaca_eval"); })
            .find("did you mean 'alpaca-eval'?") != std::string::npos);
}

TEST_CASE("jsonl rows keep Kazakh, Chinese and Arabic text byte-exact", "[import]") {
  auto rows = Collect([](const RowSink& sink) { ReadJsonlRows(kData + "answers.jsonl", {}, sink); });
  REQUIRE(rows.size() == 7);  // the blank line is skipped
  CHECK(rows[0].model == "teacher");
  CHECK(rows[0].prompt_id == "kk-1");
  CHECK(rows[0].prompt == "Қазақстанның астанасы қай қала?");
  CHECK(rows[0].output == "Қазақстанның астанасы — Астана қаласы.");
  CHECK(rows[2].output == "عاصمة مصر هي القاهرة.");
  CHECK(rows[2].reference == std::optional<std::string>("القاهرة"));
  CHECK(rows[3].output == "Астана.\nЖауап: Астана қаласы.");
  CHECK(rows[5].sample == 1);
  CHECK(rows[5].output == "蓝光散射更强 \"引号\" \\ 反斜杠");
  CHECK(rows[6].where.line == 8);
}

TEST_CASE("jsonl --model names every row's model", "[import]") {
  SourceOptions options;
  options.model = "renamed";
  auto rows =
      Collect([&](const RowSink& sink) { ReadJsonlRows(kData + "answers.jsonl", options, sink); });
  for (const auto& row : rows) CHECK(row.model == "renamed");
}

TEST_CASE("A jsonl row missing a field names file, line and field", "[import]") {
  std::string error = ConfigErrorOf([] {
    Collect([](const RowSink& sink) { ReadJsonlRows(kData + "missing_field.jsonl", {}, sink); });
  });
  CHECK(error.find("missing_field.jsonl:2: prompt: missing required field") != std::string::npos);
  CHECK(error.find("found 'promt': did you mean 'prompt'?") != std::string::npos);
}

TEST_CASE("Invalid UTF-8 is rejected with its line and column", "[import]") {
  std::string error = ConfigErrorOf([] {
    Collect([](const RowSink& sink) { ReadJsonlRows(kData + "invalid_utf8.jsonl", {}, sink); });
  });
  // Line 2, the 0xFF byte is the 71st byte of the line.
  CHECK(error.find("invalid_utf8.jsonl:2:71: invalid UTF-8 (byte 0xFF)") != std::string::npos);
}

TEST_CASE("alpaca-eval rows: generator or folder name as model, hashed instruction ids",
          "[import]") {
  auto rows = Collect([](const RowSink& sink) {
    ReadAlpacaEvalRows(kData + "alpaca/tutor-7b/model_outputs.json", {}, sink);
  });
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].model == "tutor-7b");
  CHECK(rows[0].prompt == "Сәлем! Қалайсыз?");
  CHECK(rows[0].prompt_id == Sha256Hex("Сәлем! Қалайсыз?").substr(0, 12));
  CHECK(rows[0].where.line == 2);
  CHECK(rows[1].model == "tutor-7b");  // no generator: the folder's name
  CHECK(rows[1].output == "质量相互吸引。 [brackets] {braces} \"quotes\"");
  CHECK(rows[1].where.line == 8);
}

TEST_CASE("An alpaca-eval element missing its output names its line", "[import]") {
  std::string error = ConfigErrorOf([] {
    Collect([](const RowSink& sink) {
      ReadAlpacaEvalRows(kData + "alpaca/bad_row.json", {}, sink);
    });
  });
  CHECK(error.find("bad_row.json:3: output: missing required field") != std::string::npos);
}

TEST_CASE("fastchat turns become separate prompts with the question texts", "[import]") {
  auto questions = ReadFastChatQuestions(kData + "fastchat/question.jsonl", nullptr);
  REQUIRE(questions.size() == 2);
  auto rows = Collect([&](const RowSink& sink) {
    ReadFastChatRows(kData + "fastchat/model_answer/beta.jsonl", &questions, {}, sink);
  });
  REQUIRE(rows.size() == 6);  // question 81: 2 choices x 2 turns; question 101: 2 turns
  CHECK(rows[0].model == "beta");  // no model_id: the file's stem
  CHECK(rows[0].prompt_id == "81-t1");
  CHECK(rows[0].prompt == "Напишите короткое стихотворение о море.");
  CHECK(rows[1].prompt_id == "81-t2");
  CHECK(rows[1].prompt == "Теперь переведите его на казахский.");
  CHECK(rows[1].output == "Толқындар.");
  CHECK(rows[2].sample == 1);
  CHECK(rows[3].output == "Жел.");
  CHECK(rows[5].prompt_id == "101-t2");
  CHECK(rows[5].reference == std::optional<std::string>("20"));
}

TEST_CASE("fastchat without questions imports with empty prompt texts", "[import]") {
  auto rows = Collect([](const RowSink& sink) {
    ReadFastChatRows(kData + "fastchat/model_answer/alpha.jsonl", nullptr, {}, sink);
  });
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].prompt.empty());
  CHECK(rows[0].output == "Море шумит.");
}

TEST_CASE("fastchat answers to a question not in --questions are an error", "[import]") {
  auto questions = ReadFastChatQuestions(kData + "fastchat/question.jsonl", nullptr);
  std::string error = ConfigErrorOf([&] {
    Collect([&](const RowSink& sink) {
      ReadFastChatRows(kData + "fastchat/unknown_question.jsonl", &questions, {}, sink);
    });
  });
  CHECK(error.find("unknown_question.jsonl:1: question_id: question 999 is not in the "
                   "--questions file") != std::string::npos);
}
