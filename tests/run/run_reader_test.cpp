#include "harness/run/run_reader.h"

#include <fstream>

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "harness/run/prompt_record.h"
#include "tests/fakes/temp_dir.h"

using namespace kinship;
using kinship::testing::TempDir;

namespace {

ResponseRecord Record(const std::string& prompt, int sample, const std::string& status,
                      const std::string& output) {
  ResponseRecord r;
  r.model = "m";
  r.suite = "s";
  r.prompt_id = prompt;
  r.sample = sample;
  r.status = status;
  r.output = output;
  return r;
}

void WriteLines(const std::filesystem::path& path, const std::vector<std::string>& lines,
                const std::string& tail = "") {
  std::ofstream out(path, std::ios::binary);
  for (const auto& line : lines) out << line << '\n';
  out << tail;
}

}  // namespace

TEST_CASE("ReadRun refuses a folder without a manifest", "[run_reader]") {
  TempDir dir;
  CHECK_THROWS_AS(ReadRun(dir.path()), ConfigError);
}

TEST_CASE("ReadRun keeps the last record per item but never lets an error hide a success",
          "[run_reader]") {
  TempDir dir;
  WriteLines(dir.path() / "manifest.json", {R"({"format":"kinship-run/1","models":[{"name":"m"}]})"});
  WriteLines(dir.path() / "responses.jsonl",
             {RecordToJsonLine(Record("p1", 0, "error", "")),
              RecordToJsonLine(Record("p1", 0, "ok", "second try")),
              RecordToJsonLine(Record("p2", 0, "ok", "first")),
              RecordToJsonLine(Record("p2", 0, "error", "")),
              RecordToJsonLine(Record("p2", 1, "ok", "other sample"))},
             R"({"model":"m","suite":"s","prompt_id":"p3","sam)");
  RunData run = ReadRun(dir.path());
  REQUIRE(run.records.size() == 3);
  CHECK(run.records[0].output == "second try");
  CHECK(run.records[1].output == "first");
  CHECK(run.records[1].ok());
  CHECK(run.records[2].sample == 1);
  CHECK(run.skipped_lines == 1);  // the torn tail
  CHECK(run.ModelNames() == std::vector<std::string>{"m"});
}

TEST_CASE("ReadRun reads prompts.jsonl byte-exact", "[run_reader]") {
  TempDir dir;
  Prompt prompt;
  prompt.suite = "s";
  prompt.id = "ar-1";
  prompt.messages = {{Role::kSystem, "Ты — помощник."}, {Role::kUser, "ما هي عاصمة قازاقستان؟"}};
  prompt.tags = {"ar"};
  prompt.reference = "Астана";
  prompt.split = "dev";
  prompt.samples = 4;
  prompt.sampling.temperature = 0.5;
  WriteLines(dir.path() / "manifest.json", {R"({"format":"kinship-run/1","models":[]})"});
  WriteLines(dir.path() / "prompts.jsonl", {PromptToJsonLine(prompt)});
  RunData run = ReadRun(dir.path());
  REQUIRE(run.prompts.size() == 1);
  const Prompt& back = run.prompts[0];
  CHECK(back.messages[0].content == "Ты — помощник.");
  CHECK(back.messages[1].content == "ما هي عاصمة قازاقستان؟");
  CHECK(back.messages[1].role == Role::kUser);
  CHECK(back.reference == std::optional<std::string>("Астана"));
  CHECK(back.split == "dev");
  CHECK(back.samples == std::optional<int>(4));
  CHECK(back.sampling.temperature == std::optional<double>(0.5));
  CHECK(back.tags == std::vector<std::string>{"ar"});
}
