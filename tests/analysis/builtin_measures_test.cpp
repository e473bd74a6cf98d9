#include "harness/analysis/builtin_measures.h"

#include <cmath>

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"

namespace kinship {
namespace {

double Sim(std::string_view measure_name, std::string_view a, std::string_view b) {
  const SimilarityMeasure* measure = FindMeasure(measure_name);
  REQUIRE(measure != nullptr);
  return measure->Similarity(measure->Features(a), measure->Features(b));
}

TEST_CASE("The table lists the three built-in measures in order, with summaries") {
  const auto& measures = BuiltinMeasures();
  REQUIRE(measures.size() == 3);
  CHECK(measures[0]->Name() == "word-ngram-jaccard");
  CHECK(measures[1]->Name() == "char-3gram-cosine");
  CHECK(measures[2]->Name() == "first-words");
  for (const SimilarityMeasure* measure : measures) CHECK_FALSE(measure->Summary().empty());
}

TEST_CASE("An unknown measure name throws ConfigError with a suggestion") {
  CHECK(FindMeasure("nope") == nullptr);
  try {
    MeasureByName("first-word", "signals");
    FAIL("expected ConfigError");
  } catch (const ConfigError& error) {
    CHECK(std::string(error.what()) ==
          "signals: unknown similarity measure 'first-word'; did you mean 'first-words'?");
  }
  CHECK(MeasuresByName({}).size() == 3);
  CHECK(MeasuresByName({"first-words"})[0]->Name() == "first-words");
}

TEST_CASE("word-ngram-jaccard counts shared unigrams and bigrams over their union") {
  // {the, cat, sat, the_cat, cat_sat} vs {the, cat, ran, the_cat, cat_ran}: 3 shared of 7.
  CHECK(Sim("word-ngram-jaccard", "the cat sat", "the cat ran") == Approx(3.0 / 7.0));
  // {a, b, a_b} vs {b, a, b_a}: 2 of 4; order matters only through the bigrams.
  CHECK(Sim("word-ngram-jaccard", "a b", "b a") == Approx(0.5));
  // Repeats do not count twice: {x, x_x} vs {x}: 1 of 2.
  CHECK(Sim("word-ngram-jaccard", "x x x", "x") == Approx(0.5));
  CHECK(Sim("word-ngram-jaccard", "The CAT, sat!", "the cat sat") == 1.0);
  CHECK(Sim("word-ngram-jaccard", "Қазақ тілі", "қазақ ТІЛІ") == 1.0);
  CHECK(Sim("word-ngram-jaccard", "", "") == 1.0);
  CHECK(Sim("word-ngram-jaccard", "", "word") == 0.0);
  CHECK(Sim("word-ngram-jaccard", "one", "two") == 0.0);
}

TEST_CASE("char-3gram-cosine is the TF cosine of space-padded character trigrams") {
  // " abc " -> { ab, abc, bc_ }; " abd " -> { ab, abd, bd_ }: dot 1, norms sqrt(3).
  CHECK(Sim("char-3gram-cosine", "abc", "abd") == Approx(1.0 / 3.0));
  // " aa " -> { aa:1, aa_:1 }; " aaaa " -> { aa:1, aaa:2, aa_:1 }: dot 2 / (sqrt2 sqrt6).
  CHECK(Sim("char-3gram-cosine", "aa", "aaaa") == Approx(2.0 / std::sqrt(12.0)));
  // Short answers still have grams: " x " vs " y ".
  CHECK(Sim("char-3gram-cosine", "x", "y") == 0.0);
  CHECK(Sim("char-3gram-cosine", "x", "X") == 1.0);
  CHECK(Sim("char-3gram-cosine", "a  b\n", "A b") == 1.0);
  // Cyrillic: " мир " (3 grams) vs " мир! " (4 grams) share " ми" and "мир".
  CHECK(Sim("char-3gram-cosine", "мир", "мир!") == Approx(2.0 / (std::sqrt(3.0) * 2.0)));
  CHECK(Sim("char-3gram-cosine", "", "") == 1.0);
  CHECK(Sim("char-3gram-cosine", "", "a") == 0.0);
}

TEST_CASE("first-words compares the first five tokens position by position") {
  CHECK(Sim("first-words", "one two three four five six", "one two x four five") == Approx(0.8));
  CHECK(Sim("first-words", "One, two!", "one two three") == Approx(2.0 / 3.0));
  CHECK(Sim("first-words", "a b c d e f g", "a b c d e x y") == 1.0);
  CHECK(Sim("first-words", "b a", "a b") == 0.0);
  CHECK(Sim("first-words", "我爱你", "我爱他") == Approx(2.0 / 3.0));
  CHECK(Sim("first-words", "", "") == 1.0);
  CHECK(Sim("first-words", "", "a") == 0.0);
}

TEST_CASE("Every measure is symmetric and in [0, 1] on varied text") {
  const std::vector<std::string> texts = {
      "", "The quick brown fox", "the quick brown dog jumps", "Қазақстан астанасы Астана",
      "Столица Казахстана — Астана", "哈萨克斯坦的首都是阿斯塔纳", "عاصمة كازاخستان هي أستانا",
      "bad \xFF bytes \xC3"};
  for (const SimilarityMeasure* measure : BuiltinMeasures()) {
    for (const std::string& a : texts) {
      for (const std::string& b : texts) {
        const double ab = measure->Similarity(measure->Features(a), measure->Features(b));
        const double ba = measure->Similarity(measure->Features(b), measure->Features(a));
        CHECK(ab == ba);
        CHECK(ab >= 0.0);
        CHECK(ab <= 1.0);
        if (a == b) CHECK(ab == Approx(1.0));
      }
    }
  }
}

TEST_CASE("SimilarityToMany equals Similarity bit for bit for every measure") {
  std::vector<std::string> texts = {"", "x", "the cat sat on the mat", "The cat sat, the dog ran",
                                    "Қазақ тілі мен орыс тілі", "哈萨克斯坦的首都是阿斯塔纳",
                                    "a a a b b c", "\x01\x01\x01\x01"};
  for (int i = 0; i < 40; ++i) {  // longer texts make the hash tables grow and collide
    std::string text;
    for (int w = 0; w < 50 + i * 7; ++w) {
      text += 'w';
      text += std::to_string((w * 31 + i * 17) % 97);
      text += ' ';
    }
    texts.push_back(text);
  }
  for (const SimilarityMeasure* measure : BuiltinMeasures()) {
    std::vector<AnswerFeatures> features;
    for (const std::string& text : texts) features.push_back(measure->Features(text));
    std::vector<const AnswerFeatures*> others;
    for (const AnswerFeatures& f : features) others.push_back(&f);
    std::vector<double> out(others.size());
    for (const AnswerFeatures& a : features) {
      measure->SimilarityToMany(a, others.data(), others.size(), out.data());
      for (std::size_t i = 0; i < others.size(); ++i) {
        CHECK(out[i] == measure->Similarity(a, *others[i]));
      }
    }
  }
}

}  // namespace
}  // namespace kinship
