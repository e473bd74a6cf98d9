#include "harness/signals/lexical_signals.h"

#include <cmath>

#include <catch2/catch.hpp>

#include "harness/signals/builtin_signals.h"
#include "harness/signals/signal_matrix.h"
#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

TEST_CASE("word-ngram-1-3 is the Jaccard of word 1-3-grams, averaged over sample pairs") {
  // "a b" -> {a, b, a b}; "a c" -> {a, c, a c}: 1 common of 5.
  SignalPanel panel = testing::MakePanel({{{"A b"}, {"x"}}, {{"a, c"}, {}}});
  auto prepared = WordNgramSignal().Prepare(panel, nullptr);
  const std::vector<double> v = prepared->PerPrompt(0, 1);
  REQUIRE(v.size() == 2);
  CHECK(v[0] == Approx(1.0 / 5.0));
  CHECK(std::isnan(v[1]));  // model 1 never answered prompt 1
  CHECK(prepared->PerPrompt(1, 0)[0] == Approx(v[0]));

  SignalPanel sampled = testing::MakePanel({{{"a b", "a b"}}, {{"a b", "c d"}}});
  CHECK(WordNgramSignal().Prepare(sampled, nullptr)->PerPrompt(0, 1)[0] == Approx(0.5));
}

TEST_CASE("word-ngram-1-3 tokenises Chinese by character and Cyrillic by word") {
  SignalPanel panel = testing::MakePanel({{{"我是模型"}, {"Я модель"}}, {{"我是人"}, {"я МОДЕЛЬ!"}}});
  const auto v = WordNgramSignal().Prepare(panel, nullptr)->PerPrompt(0, 1);
  // {我,是,模,型,我是,是模,模型,我是模,是模型} vs {我,是,人,我是,是人,我是人}: 3 common of 12.
  CHECK(v[0] == Approx(3.0 / 12.0));
  CHECK(v[1] == Approx(1.0));
}

TEST_CASE("first-k compares the opening words position by position") {
  SignalPanel panel = testing::MakePanel({{{"Sure, here is the answer"}}, {{"Sure here was the plan"}}});
  CHECK(FirstTokensSignal(1).Prepare(panel, nullptr)->PerPrompt(0, 1)[0] == Approx(1.0));
  CHECK(FirstTokensSignal(5).Prepare(panel, nullptr)->PerPrompt(0, 1)[0] == Approx(3.0 / 5.0));
  // k = 20 > both lengths: the denominator is the longer answer (5 words).
  CHECK(FirstTokensSignal(20).Prepare(panel, nullptr)->PerPrompt(0, 1)[0] == Approx(3.0 / 5.0));
}

TEST_CASE("the signal matrix holds PerPrompt for every pair") {
  SignalPanel panel = testing::MakePanel({{{"a b"}}, {{"a c"}}, {{"a b"}}});
  auto prepared = WordNgramSignal().Prepare(panel, nullptr);
  const SignalMatrix matrix = ComputeSignalMatrix(*prepared, 3, 1, false, 2);
  CHECK(matrix.At(0, 2, 0) == Approx(1.0));
  CHECK(matrix.At(2, 1, 0) == Approx(0.2));
  CHECK(matrix.At(0, 1, 0) == Approx(0.2));
  const SignalMatrix directed = ComputeSignalMatrix(*prepared, 3, 1, true, 2);
  CHECK(directed.At(2, 0, 0) == Approx(1.0));
  CHECK(directed.At(1, 2, 0) == Approx(0.2));
}

TEST_CASE("the table lists every signal once and suggests names") {
  CHECK(BuiltinSignals().size() == 13);
  CHECK(FindSignal("mannerisms") != nullptr);
  CHECK(FindSignal("nope") == nullptr);
  try {
    SignalByName("manerisms");
    FAIL("expected ConfigError");
  } catch (const std::exception& error) {
    CHECK(std::string(error.what()).find("did you mean 'mannerisms'") != std::string::npos);
  }
}

}  // namespace
}  // namespace kinship
