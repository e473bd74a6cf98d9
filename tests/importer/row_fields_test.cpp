#include "harness/importer/row_fields.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/config_error.h"
#include "tests/fakes/config_error_of.h"

using namespace kinship;
using kinship::testing::ConfigErrorOf;

namespace {

const SourceLocation kWhere{"answers.jsonl", 7, 0};

TEST_CASE("RequireString names a null field as null, a missing one as missing", "[import]") {
  const nlohmann::json row = nlohmann::json::parse(R"({"model": "m", "output": null, "promt": "q"})");
  const std::vector<std::string> keys = {"model", "output", "prompt"};
  CHECK(ConfigErrorOf([&] { RequireString(row, "output", kWhere, keys); })
            .find("answers.jsonl:7: output: is null; expected a string") != std::string::npos);
  CHECK(ConfigErrorOf([&] { RequireString(row, "prompt", kWhere, keys); })
            .find("answers.jsonl:7: prompt: missing required field; found 'promt': did you mean "
                  "'prompt'?") != std::string::npos);
  CHECK(ConfigErrorOf([&] { RequireString(row, "model", kWhere, keys); }) == "(no error)");
  CHECK(RequireString(row, "model", kWhere, keys) == "m");
}

TEST_CASE("OptionalId takes strings and integers, and nothing else", "[import]") {
  const nlohmann::json row = nlohmann::json::parse(R"({"a": "x1", "b": 81, "c": 1.5, "d": null})");
  CHECK(OptionalId(row, "a", kWhere) == "x1");
  CHECK(OptionalId(row, "b", kWhere) == "81");
  CHECK_FALSE(OptionalId(row, "d", kWhere).has_value());
  CHECK_FALSE(OptionalId(row, "e", kWhere).has_value());
  CHECK(ConfigErrorOf([&] { OptionalId(row, "c", kWhere); })
            .find("c: expected a string or an integer") != std::string::npos);
}

}  // namespace
