#include "harness/importer/json_lines.h"

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/fakes/temp_dir.h"

using kinship::testing::TempDir;

namespace kinship {
namespace {

TEST_CASE("ForEachJsonLine skips blank lines and gives each object its line number") {
  TempDir dir;
  auto file = dir.path() / "rows.jsonl";
  std::ofstream(file, std::ios::binary) << "{\"a\": \"Сәлем\"}\n\n   \n{\"a\": \"你好\"}\r\n{\"a\": 3}";
  std::vector<int> lines;
  std::vector<std::string> values;
  ForEachJsonLine(file, nullptr, [&](const nlohmann::json& row, const SourceLocation& where) {
    lines.push_back(where.line);
    values.push_back(row["a"].dump());
  });
  CHECK(lines == std::vector<int>{1, 4, 5});
  CHECK(values == std::vector<std::string>{"\"Сәлем\"", "\"你好\"", "3"});
}

TEST_CASE("ForEachJsonLine stops at a line that is not an object, naming file and line") {
  TempDir dir;
  auto file = dir.path() / "bad.jsonl";
  std::ofstream(file, std::ios::binary) << "{\"a\": 1}\n[1, 2]\n{\"a\": 2}\n";
  int rows = 0;
  try {
    ForEachJsonLine(file, nullptr, [&](const nlohmann::json&, const SourceLocation&) { ++rows; });
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("bad.jsonl:2") != std::string::npos);
  }
  CHECK(rows == 1);
}

}  // namespace
}  // namespace kinship
