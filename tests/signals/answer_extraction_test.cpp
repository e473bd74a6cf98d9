#include "harness/signals/answer_extraction.h"

#include <catch2/catch.hpp>

#include "harness/analysis/text_tokenizer.h"

namespace kinship {
namespace {

using Answer = std::optional<std::string>;

TEST_CASE("answers are extracted by the reference's kind") {
  CHECK(ExtractAnswer("The answer is (B).", "B") == Answer("B"));
  CHECK(ExtractAnswer("**C** because ...", "(A)") == Answer("C"));
  CHECK(ExtractAnswer("3 + 4 = 7, so 1,000.50 total", "1000.5") == Answer("1000.5"));
  CHECK(ExtractAnswer("It is Paris, of course.", "paris") == Answer("paris"));
  CHECK(CanonicalReference("42.0") == "42");
}

TEST_CASE("answers in compatibility forms and other scripts' digits match ASCII references") {
  // Subscripts and full-width forms (NFKC), as Chinese and Japanese replies write them.
  CHECK(ExtractAnswer("水的化学式是H₂O。", "H2O") == Answer("h 2 o"));
  CHECK(ExtractAnswer("Вода — это H₂O.", "H2O") == Answer("h 2 o"));
  CHECK(ExtractAnswer("１キロメートルは１０００メートルです。", "1000") == Answer("1000"));
  CHECK(ExtractAnswer("答案是Ｄ。", "D") == Answer("D"));
  // Arabic-Indic digits are decimal digits NFKC does not change.
  CHECK(ExtractAnswer("عدد أيام الأسبوع ٧ أيام.", "7") == Answer("7"));
  CHECK(ExtractAnswer("Бір сағатта 60 минут бар.", "60") == Answer("60"));
  // Folding changes nothing that was already comparable, and a wrong answer stays wrong.
  CHECK(ExtractAnswer("水的化学式是CO₂。", "H2O") != Answer("h 2 o"));
  CHECK(NormalizeAnswer("Ｈ₂Ｏ") == NormalizeAnswer("h2o"));
  CHECK(CanonicalReference("１０００") == "1000");
  // Invalid UTF-8 is not folded (ICU would replace the byte): the tokenizer alone sees it.
  const std::string invalid = "Ｈ₂Ｏ \xFF 7";
  std::string tokens;
  for (const std::string& token : TokenizeWords(invalid)) tokens += (tokens.empty() ? "" : " ") + token;
  CHECK(NormalizeAnswer(invalid) == tokens);
}

}  // namespace
}  // namespace kinship
