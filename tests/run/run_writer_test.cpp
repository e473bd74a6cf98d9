#include "harness/run/run_writer.h"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "harness/core/file_io.h"

#include "harness/run/run_reader.h"
#include "tests/fakes/temp_dir.h"

using namespace kinship;
using kinship::testing::TempDir;

namespace {

ResponseRecord Record(const std::string& prompt, const std::string& status) {
  ResponseRecord r;
  r.model = "m";
  r.suite = "s";
  r.prompt_id = prompt;
  r.status = status;
  r.output = status == "ok" ? "answer to " + prompt : "";
  r.error = status == "ok" ? "" : "boom";
  return r;
}

}  // namespace

TEST_CASE("RunWriter appends one complete line per record", "[run_writer]") {
  TempDir dir;
  {
    RunWriter writer(dir.path());
    writer.Append(Record("p1", "ok"));
    writer.Append(Record("p2", "error"));
  }
  std::string text = ReadFileOrThrow(dir.path() / "responses.jsonl");
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  CHECK(text.back() == '\n');
}

TEST_CASE("RunWriter::AppendLines writes a group of records and reports the bytes written",
          "[run_writer]") {
  TempDir dir;
  std::string lines;
  for (const char* prompt : {"p1", "p2", "p3"}) {
    AppendRecordJson(Record(prompt, "ok"), &lines);
    lines.push_back('\n');
  }
  std::size_t written = 0;
  {
    RunWriter writer(dir.path());
    writer.AppendLines(lines, &written);
  }
  CHECK(written == lines.size());
  CHECK(ReadFileOrThrow(dir.path() / "responses.jsonl") == lines);
  int records = 0;
  ForEachRecord(dir.path(), [&](ResponseRecord&& r) { records += r.ok(); });
  CHECK(records == 3);
}

TEST_CASE("RunWriter cuts a torn tail so new lines never glue onto it", "[run_writer]") {
  TempDir dir;
  {
    RunWriter writer(dir.path());
    writer.Append(Record("p1", "ok"));
  }
  std::string whole = RecordToJsonLine(Record("p2", "ok"));
  {
    std::ofstream out(dir.path() / "responses.jsonl", std::ios::app | std::ios::binary);
    out << whole.substr(0, whole.size() / 2);  // a crash in the middle of a write
  }
  RunWriter writer(dir.path());
  CHECK(writer.repaired_bytes() == whole.size() / 2);
  writer.Append(Record("p3", "ok"));
  RunData run;
  run.dir = dir.path();
  std::string text = ReadFileOrThrow(dir.path() / "responses.jsonl");
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  CHECK(text.find("answer to p3") != std::string::npos);
  CHECK(text.find("p2") == std::string::npos);
}

TEST_CASE("RunWriter repairs a file that is one torn line", "[run_writer]") {
  TempDir dir;
  {
    std::ofstream out(dir.path() / "responses.jsonl", std::ios::binary);
    out << "{\"model\":\"m\",\"pro";
  }
  RunWriter writer(dir.path());
  CHECK(writer.repaired_bytes() == 17);
  CHECK(ReadFileOrThrow(dir.path() / "responses.jsonl").empty());
}
