#include "adapters/sim/sim_tokenizer.h"

#include <catch2/catch.hpp>

#include "harness/core/utf8.h"

namespace kinship {
namespace {

TEST_CASE("Tokenizer keeps markdown markers, punctuation and line breaks as tokens",
          "[sim_tokenizer]") {
  auto tokens = TokenizeSim("## Tips\n\n- Use **fresh** herbs, don't rush.\n1. Boil 2.5 litres!");
  std::vector<std::string> expected = {"##", "Tips", "\n\n", "-", "Use", "**", "fresh", "**",
                                       "herbs", ",", "don't", "rush", ".", "\n", "1.", "Boil",
                                       "2.5", "litres", "!"};
  CHECK(tokens == expected);
}

TEST_CASE("Detokenizer gives readable text with lists on their own lines",
          "[sim_tokenizer]") {
  std::string text = "## Tips\n\n- Use **fresh** herbs, don't rush.\n1. Boil (gently) 2.5 litres!";
  CHECK(DetokenizeSim(TokenizeSim(text)) == text);
  CHECK(DetokenizeSim({"Well", ",", "\"", "yes", "\"", "!"}) == "Well, \"yes\"!");
}

TEST_CASE("Tokenizer handles any UTF-8 and invalid bytes without losing text",
          "[sim_tokenizer]") {
  std::string text = "Қазақ тілі 中文提示 مرحبا Привет";
  auto tokens = TokenizeSim(text);
  CHECK(tokens.size() == 5);
  CHECK(DetokenizeSim(tokens) == text);
  std::string broken = "bad \xff\xfe bytes \xc3";
  auto pieces = TokenizeSim(broken);
  CHECK_FALSE(pieces.empty());
  CHECK(SimContentWord("Қазақ").empty());
}

TEST_CASE("Content words drop stop words and fold plurals", "[sim_tokenizer]") {
  CHECK(SimContentWord("Recipes") == "recipe");
  CHECK(SimContentWord("the").empty());
  CHECK(SimContentWord("is").empty());
  CHECK(SimContentWord("glass") == "glass");
}

}  // namespace
}  // namespace kinship
