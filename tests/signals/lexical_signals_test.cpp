#include "harness/signals/lexical_signals.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

#include <catch2/catch.hpp>

#include "harness/signals/builtin_signals.h"
#include "harness/signals/signal_matrix.h"
#include "harness/signals/word_ngrams.h"
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


bool SameValue(double expected, float actual) {
  return std::isnan(expected) ? std::isnan(actual) : static_cast<float>(expected) == actual;
}

// The definition, computed the obvious way: sorted unique upper-32-bit n-gram keys, merged.
double ReferenceJaccard(const std::vector<std::uint64_t>& x, const std::vector<std::uint64_t>& y) {
  auto keys = [](const std::vector<std::uint64_t>& words) {
    std::vector<std::uint64_t> grams;
    AppendWordNgramKeys(words, 1, 3, &grams);
    std::vector<std::uint32_t> out;
    for (std::uint64_t g : grams) out.push_back(static_cast<std::uint32_t>(g >> 32));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  const std::vector<std::uint32_t> a = keys(x), b = keys(y);
  std::vector<std::uint32_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const std::size_t total = a.size() + b.size();
  if (total == 0) return 1.0;
  return static_cast<double>(common.size()) / static_cast<double>(total - common.size());
}

TEST_CASE("word-ngram-1-3 equals a plain merge of the n-gram keys, including a model with itself") {
  const SignalPanel panel = testing::RandomWordPanel(5, 12, 7);
  auto prepared = WordNgramSignal().Prepare(panel, nullptr);
  for (int a = 0; a < 5; ++a) {
    for (int b = 0; b < 5; ++b) {
      const std::vector<double> values = prepared->PerPrompt(a, b);
      for (std::size_t p = 0; p < 12; ++p) {
        const auto& wa = panel.Words(static_cast<std::size_t>(a), p);
        const auto& wb = panel.Words(static_cast<std::size_t>(b), p);
        const double expected = MeanOverSamplePairs(
            wa.size(), wb.size(),
            [&](std::size_t i, std::size_t j) { return ReferenceJaccard(wa[i], wb[j]); });
        INFO("a=" << a << " b=" << b << " p=" << p);
        CHECK(SameValue(expected, static_cast<float>(values[p])));
        if (!std::isnan(expected)) CHECK(values[p] == expected);
      }
    }
  }
}

TEST_CASE("the prompt-at-a-time matrix of each lexical signal equals PerPrompt for every pair") {
  // 37 prompts: three blocks of the fast path, the last one partial.
  const std::size_t models = 6, prompts = 37;
  const SignalPanel panel = testing::RandomWordPanel(models, prompts, 11);
  std::vector<std::unique_ptr<PreparedSignal>> signals;
  signals.push_back(WordNgramSignal().Prepare(panel, nullptr));
  for (int k : {1, 5, 20}) signals.push_back(FirstTokensSignal(k).Prepare(panel, nullptr));
  for (const auto& signal : signals) {
    REQUIRE(dynamic_cast<const AllPairsKernel*>(signal.get()) != nullptr);
    const SignalMatrix one = ComputeSignalMatrix(*signal, models, prompts, false, 1);
    const SignalMatrix two = ComputeSignalMatrix(*signal, models, prompts, false, 2);
    const SignalMatrix directed = ComputeSignalMatrix(*signal, models, prompts, true, 2);
    // Bit-identical across thread counts (NaN compares unequal, so compare bytes).
    REQUIRE(one.per_prompt.size() == two.per_prompt.size());
    CHECK(std::equal(one.per_prompt.begin(), one.per_prompt.end(), two.per_prompt.begin(),
                     [](float x, float y) { return std::isnan(x) ? std::isnan(y) : x == y; }));
    std::size_t nan_values = 0;
    for (std::size_t a = 0; a < models; ++a) {
      for (std::size_t b = 0; b < models; ++b) {
        if (a == b) continue;
        const std::vector<double> values =
            signal->PerPrompt(static_cast<int>(a), static_cast<int>(b));
        for (std::size_t p = 0; p < prompts; ++p) {
          INFO("a=" << a << " b=" << b << " p=" << p);
          CHECK(SameValue(values[p], one.At(a, b, p)));
          CHECK(SameValue(values[p], directed.At(a, b, p)));
          nan_values += std::isnan(values[p]);
        }
      }
    }
    CHECK(nan_values > 0);  // the panel does exercise models without answers
  }
}

TEST_CASE("the table lists every signal once and suggests names") {
  CHECK(BuiltinSignals().size() == 14);
  CHECK(FindSignal("mannerisms") != nullptr);
  CHECK(FindSignal("nope") == nullptr);
  try {
    SignalByName("manerisms");
    FAIL("expected ConfigError");
  } catch (const std::exception& error) {
    CHECK(std::string(error.what()).find("did you mean 'mannerisms'") != std::string::npos);
  }
  try {  // a prefix of two names suggests neither: the names are listed
    SignalByName("word-ngram");
    FAIL("expected ConfigError");
  } catch (const std::exception& error) {
    const std::string message = error.what();
    CHECK(message.find("unknown signal 'word-ngram'; the signals are: ") != std::string::npos);
    CHECK(message.find(" word-ngram-1-3 ") != std::string::npos);
    CHECK(message.find(" word-ngram-idf") != std::string::npos);
  }
}

}  // namespace
}  // namespace kinship
