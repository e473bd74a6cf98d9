#include "harness/config/assertion.h"

#include <catch2/catch.hpp>

#include "harness/config/suite_loader.h"
#include "harness/run/prompt_record.h"
#include "tests/config/temp_dir.h"

using namespace kinship;

namespace {

std::string ErrorOf(const std::string& yaml) {
  kinship::testing::TempDir dir;
  try {
    LoadSuite(dir.Write("s.yaml", yaml));
  } catch (const ConfigError& e) {
    std::string message = e.what();
    return message.substr(message.find("s.yaml:"));
  }
  return "no error";
}

const char* kHeader = "name: s\nversion: '1'\n";

}  // namespace

TEST_CASE("Suites decode assertions, defaults first, and the threshold", "[config][assertion]") {
  kinship::testing::TempDir dir;
  Suite suite = LoadSuite(dir.Write("s.yaml", std::string(kHeader) + R"(threshold: 0.5
defaults:
  assert:
    - type: not-refusal
prompts:
  - id: capital
    prompt: Capital of Kazakhstan?
    assert:
      - type: icontains-all
        values: [Астана, city]
        weight: 2
      - {type: number, value: 42, tolerance: 0.5}
      - {type: length, max: 200}
      - type: is-json
        schema: {type: object, required: [name], properties: {name: {type: string}}}
  - id: plain
    prompt: Hello
    threshold: 1
)"));
  REQUIRE(suite.prompts.size() == 2);
  CHECK(suite.threshold == 0.5);
  const auto& a = suite.prompts[0].assertions;
  REQUIRE(a.size() == 5);
  CHECK(a[0].kind == AssertionKind::kRefusal);
  CHECK(a[0].negate);
  CHECK(a[1].kind == AssertionKind::kIContains);
  CHECK(a[1].all);
  CHECK(a[1].values == std::vector<std::string>{"Астана", "city"});
  CHECK(a[1].weight == 2);
  CHECK(a[2].number == 42);
  CHECK(a[2].tolerance == 0.5);
  CHECK(a[3].max_length == 200);
  CHECK_FALSE(a[3].min_length);
  CHECK(a[4].schema == R"({"properties":{"name":{"type":"string"}},"required":["name"],"type":"object"})");
  CHECK(suite.prompts[0].threshold == 0.5);
  CHECK(suite.prompts[1].threshold == 1.0);
  CHECK(suite.prompts[1].assertions.size() == 1);  // the default only
}

TEST_CASE("Assertions survive the prompts.jsonl round trip", "[config][assertion]") {
  kinship::testing::TempDir dir;
  Suite suite = LoadSuite(dir.Write("s.yaml", std::string(kHeader) + R"(prompts:
  - id: p
    prompt: Hi
    threshold: 0.75
    assert:
      - {type: not-contains-any, values: ["sorry", "извините"], weight: 0.5}
      - {type: regex, value: "^\\d+$"}
      - {type: is-json, schema: {type: array, items: {enum: [1, 2]}}}
      - {type: length, min: 1, max: 9}
      - {type: number, value: -1.5}
)"));
  std::string line = PromptToJsonLine(suite.prompts[0]);
  std::string error;
  auto back = PromptFromJsonLine(line, &error);
  REQUIRE(back);
  CHECK(PromptToJsonLine(*back) == line);
  REQUIRE(back->assertions.size() == 5);
  CHECK(back->threshold == 0.75);
  CHECK(AssertionLabel(back->assertions[0]) == "not-contains");
  CHECK(back->assertions[0].negate);
  CHECK(back->assertions[1].values[0] == "^\\d+$");
  CHECK(back->assertions[3].min_length == 1);
  CHECK(back->assertions[4].number == -1.5);
}

TEST_CASE("Bad assertions fail at load time with file, line and a suggestion", "[config][assertion]") {
  auto prompt = [](const std::string& assert_yaml) {
    return std::string(kHeader) + "prompts:\n  - id: p\n    prompt: Hi\n    assert:\n" + assert_yaml;
  };
  CHECK(ErrorOf(prompt("      - type: icontain\n        value: x\n")) ==
        "s.yaml:7:15: prompts[0].assert[0].type: unknown assertion type 'icontain'; did you mean "
        "'icontains'?");
  CHECK(ErrorOf(prompt("      - type: contains\n        valeu: x\n")) ==
        "s.yaml:8:9: prompts[0].assert[0].valeu: unknown key; did you mean 'value'?");
  CHECK(ErrorOf(prompt("      - type: regex\n        value: '(unclosed'\n")).rfind(
            "s.yaml:8:16: prompts[0].assert[0].value: invalid regex", 0) == 0);
  CHECK(ErrorOf(prompt("      - type: is-json\n        schema: {type: objct}\n")) ==
        "s.yaml:8:17: prompts[0].assert[0].schema.type: unknown type 'objct'; did you mean 'object'?");
  CHECK(ErrorOf(prompt("      - type: is-json\n        schema: {pattern: x}\n")).find(
            "schema.pattern: unsupported schema keyword") != std::string::npos);
  CHECK(ErrorOf(prompt("      - type: number\n")) ==
        "s.yaml:7:9: prompts[0].assert[0].value: missing required key for 'number'");
  CHECK(ErrorOf(prompt("      - {type: length, min: 5, max: 2}\n")).find("is smaller than min") !=
        std::string::npos);
  CHECK(ErrorOf(prompt("      - {type: contains, value: x, weight: 0}\n")).find(
            "weight: must be a positive number") != std::string::npos);
  CHECK(ErrorOf(std::string(kHeader) + "threshold: 1.5\nprompts:\n  - {id: p, prompt: Hi}\n") ==
        "s.yaml:3:12: threshold: must be between 0 and 1");
}
