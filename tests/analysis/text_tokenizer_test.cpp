#include "harness/analysis/text_tokenizer.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

using Tokens = std::vector<std::string>;

TEST_CASE("English words are case-folded and split on punctuation and spaces") {
  CHECK(TokenizeWords("Hello, World!  The END.") == Tokens{"hello", "world", "the", "end"});
}

TEST_CASE("Apostrophes inside words are kept and normalised, elsewhere they separate") {
  CHECK(TokenizeWords("don't") == Tokens{"don't"});
  CHECK(TokenizeWords("don\u2019t") == Tokens{"don't"});
  CHECK(TokenizeWords("'quoted' rock'n'roll dogs'") == Tokens{"quoted", "rock'n'roll", "dogs"});
  CHECK(TokenizeWords("it'7") == Tokens{"it", "7"});
}

TEST_CASE("Digit runs are tokens of their own, split from letters") {
  CHECK(TokenizeWords("GPT4 scored 92.5") == Tokens{"gpt", "4", "scored", "92", "5"});
  CHECK(TokenizeWords("\u0662\u0660\u0662\u0664") == Tokens{"\u0662\u0660\u0662\u0664"});
}

TEST_CASE("Kazakh letters are words and fold to lower case") {
  CHECK(TokenizeWords("Қазақстан Республикасы: ӘҒҚҢӨҰҮҺІ") ==
        Tokens{"қазақстан", "республикасы", "әғқңөұүһі"});
}

TEST_CASE("Russian words fold case, including Ё") {
  CHECK(TokenizeWords("Привет, МИР! Ёлка 2024 года.") ==
        Tokens{"привет", "мир", "ёлка", "2024", "года"});
}

TEST_CASE("Each Chinese character is a token") {
  CHECK(TokenizeWords("我爱北京。天安门！") == Tokens{"我", "爱", "北", "京", "天", "安", "门"});
}

TEST_CASE("Japanese kanji, hiragana and katakana are one token per character") {
  CHECK(TokenizeWords("東京はコーヒー、ひらがな") ==
        Tokens{"東", "京", "は", "コ", "ー", "ヒ", "ー", "ひ", "ら", "が", "な"});
}

TEST_CASE("Korean Hangul syllables are one token each") {
  CHECK(TokenizeWords("안녕 세계") == Tokens{"안", "녕", "세", "계"});
}

TEST_CASE("Arabic harakat and tatweel are dropped so vocalised spellings match") {
  CHECK(TokenizeWords("السَّلَامُ عَلَيْكُمْ") == Tokens{"السلام", "عليكم"});
  CHECK(TokenizeWords("عـــربي، عربي") == Tokens{"عربي", "عربي"});
}

TEST_CASE("Combining marks of other scripts stay inside their word") {
  CHECK(TokenizeWords("नमस्ते दुनिया") == Tokens{"नमस्ते", "दुनिया"});
  CHECK(TokenizeWords("Cafe\u0301 ok") == Tokens{"cafe\u0301", "ok"});
}

TEST_CASE("Greek and Hebrew are alphabetic words") {
  CHECK(TokenizeWords("Αθήνα ΚΑΙ שלום עולם") == Tokens{"αθήνα", "και", "שלום", "עולם"});
}

TEST_CASE("Mixed-script text splits at script boundaries of the per-character scripts") {
  CHECK(TokenizeWords("ChatGPT сказал 你好 and Қазақ!") ==
        Tokens{"chatgpt", "сказал", "你", "好", "and", "қазақ"});
}

TEST_CASE("Joiners inside a word are dropped without splitting it") {
  CHECK(TokenizeWords("ab\u00ADcd x\u200By") == Tokens{"abcd", "x", "y"});
}

TEST_CASE("Invalid and truncated UTF-8 bytes separate words and never fail") {
  CHECK(TokenizeWords("ab\xFF" "cd") == Tokens{"ab", "cd"});
  CHECK(TokenizeWords("ok\xC3") == Tokens{"ok"});
  CHECK(TokenizeWords("\xE6\x88 x") == Tokens{"x"});
  CHECK(TokenizeWords("\xC0\xAF") == Tokens{});
}

TEST_CASE("Empty and separator-only text has no tokens") {
  CHECK(TokenizeWords("").empty());
  CHECK(TokenizeWords(" ,.!? \n\t").empty());
}

TEST_CASE("Folded code points collapse white space and fold case") {
  CHECK(FoldedCodePoints("  Hello\n\n  WORLD \t") == U"hello world");
  CHECK(FoldedCodePoints("ҚАЗАҚ\u00A0Тіл") == U"қазақ тіл");
  CHECK(FoldedCodePoints("") == U"");
}

TEST_CASE("The callback tokenizer yields exactly the tokens of TokenizeWords") {
  const std::string text =
      "Hello, WORLD! don't 'quoted' gpt4 Қазақ тілі — Я модель. 我是模型。 "
      "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8b\xd8\xa7 ١٢٣ \xff\xfe bad";
  Tokens seen;
  ForEachWordToken(text, [&seen](std::string_view token) { seen.emplace_back(token); });
  CHECK(seen == TokenizeWords(text));
  CHECK(seen.size() > 10);
  int calls = 0;
  ForEachWordToken("", [&calls](std::string_view) { ++calls; });
  CHECK(calls == 0);
}

}  // namespace
}  // namespace kinship
