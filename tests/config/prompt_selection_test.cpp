#include "harness/config/prompt_selection.h"

#include <catch2/catch.hpp>

using kinship::ApplyPromptSelection;
using kinship::Prompt;
using kinship::PromptSelection;
using kinship::Suite;

namespace {

Suite FivePromptSuite() {
  Suite suite;
  suite.name = "s";
  for (int i = 0; i < 5; ++i) {
    Prompt prompt;
    prompt.id = "p" + std::to_string(i);
    prompt.split = i % 2 == 1 ? "dev" : "test";
    suite.prompts.push_back(prompt);
  }
  return suite;
}

}  // namespace

TEST_CASE("A selection keeps the first prompts of a split and sets their samples",
          "[prompt_selection]") {
  Suite suite = FivePromptSuite();
  ApplyPromptSelection({"test", 2, 4}, &suite);
  REQUIRE(suite.prompts.size() == 2);
  CHECK(suite.prompts[0].id == "p0");
  CHECK(suite.prompts[1].id == "p2");
  CHECK(suite.prompts[0].samples == 4);
}

TEST_CASE("An empty selection keeps every prompt and its samples", "[prompt_selection]") {
  Suite suite = FivePromptSuite();
  ApplyPromptSelection({}, &suite);
  CHECK(suite.prompts.size() == 5);
  CHECK_FALSE(suite.prompts[0].samples.has_value());
  ApplyPromptSelection({"dev", 10, std::nullopt}, &suite);
  CHECK(suite.prompts.size() == 2);
}
