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

TEST_CASE("word-ngram-idf weighs each shared n-gram by log(N / df) over the answering models") {
  // N = 3. "a" is used by all three models (weight 0); "b" and "a b" by A and B (log 1.5
  // each); every other n-gram by one model (log 3). A and B share b and "a b":
  // J = 2 L / (2 (2 L + 3 T) - 2 L) = L / (L + 3 T), L = log 1.5, T = log 3.
  // B's two identical samples are one model: df counts models, so "b" stays at df 2.
  SignalPanel panel = testing::MakePanel({{{"a b c"}}, {{"a b d", "a b d"}}, {{"a e f"}}});
  auto prepared = WordNgramIdfSignal().Prepare(panel, nullptr);
  const double l = std::log(1.5), t = std::log(3.0);
  CHECK(prepared->PerPrompt(0, 1)[0] == Approx(l / (l + 3 * t)));
  CHECK(prepared->PerPrompt(1, 0)[0] == Approx(l / (l + 3 * t)));
  CHECK(prepared->PerPrompt(0, 2)[0] == Approx(0.0));  // only "a", which weighs nothing
  // The unweighted signal on the same answers: 3 common (a, b, "a b") of 9.
  CHECK(WordNgramSignal().Prepare(panel, nullptr)->PerPrompt(0, 1)[0] == Approx(1.0 / 3.0));

  // With roles, the lists of uninvolved models are dropped after the weights are known:
  // the same values for the involved pairs (df still counts model 2), NaN for model 2.
  SignalRoles roles;
  roles.suspects = {0};
  roles.candidates = {1};
  auto with_roles = WordNgramIdfSignal().Prepare(panel, &roles);
  CHECK(with_roles->PerPrompt(0, 1)[0] == Approx(l / (l + 3 * t)));
  CHECK(std::isnan(with_roles->PerPrompt(0, 2)[0]));

  // Two answers made only of n-grams every model used: nothing weighs, so they agree (1),
  // as two empty answers do in word-ngram-1-3.
  SignalPanel common = testing::MakePanel({{{"a"}}, {{"a"}}});
  CHECK(WordNgramIdfSignal().Prepare(common, nullptr)->PerPrompt(0, 1)[0] == Approx(1.0));
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

// A panel of `models` x `prompts` with 0-3 samples per answer: overlapping multilingual word
// soup, empty answers, answers of one word, and models that skip prompts.
SignalPanel RandomPanel(std::size_t models, std::size_t prompts, std::uint64_t seed) {
  const std::vector<std::string> words = {"the", "model", "answer", "Қазақ", "тілі", "модель",
                                          "我", "是", "模型", "نموذج", "is", "a", "4", "don't"};
  std::mt19937_64 rng(seed);
  std::vector<std::vector<std::vector<std::string>>> answers(models);
  for (std::size_t m = 0; m < models; ++m) {
    answers[m].resize(prompts);
    for (std::size_t p = 0; p < prompts; ++p) {
      const std::size_t samples = rng() % 4;  // 0: the model has no ok answer here
      for (std::size_t s = 0; s < samples; ++s) {
        std::string text;
        const std::size_t length = rng() % 5 == 0 ? rng() % 2 : 5 + rng() % 30;
        for (std::size_t w = 0; w < length; ++w) {
          // Prompt-dependent start and a small vocabulary: many shared n-grams.
          text += words[(p + w + (rng() % 3 == 0 ? rng() : 0)) % words.size()];
          text += rng() % 4 == 0 ? ", " : " ";
        }
        answers[m][p].push_back(text);
      }
    }
  }
  return testing::MakePanel(answers);
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
  const SignalPanel panel = RandomPanel(5, 12, 7);
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
  const SignalPanel panel = RandomPanel(models, prompts, 11);
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

TEST_CASE("word-ngram-idf gives the involved pairs the same values with roles as without") {
  const SignalPanel panel = RandomPanel(9, 12, 77);
  SignalRoles roles;
  roles.suspects = {4};
  roles.candidates = {1, 7};
  roles.controls = {0, 8};
  const auto all = WordNgramIdfSignal().Prepare(panel, nullptr);
  const auto some = WordNgramIdfSignal().Prepare(panel, &roles);
  const std::vector<int> involved = roles.Involved();
  int compared = 0;
  for (int a = 0; a < 9; ++a) {
    for (int b = 0; b < 9; ++b) {
      const bool kept = std::count(involved.begin(), involved.end(), a) &&
                        std::count(involved.begin(), involved.end(), b);
      const auto x = all->PerPrompt(a, b);
      const auto y = some->PerPrompt(a, b);
      for (std::size_t p = 0; p < x.size(); ++p) {
        INFO("a=" << a << " b=" << b << " p=" << p);
        if (!kept) {
          CHECK(std::isnan(y[p]));
        } else if (std::isnan(x[p])) {
          CHECK(std::isnan(y[p]));
        } else {
          CHECK(y[p] == x[p]);  // same weights, same ranks in the same order: the same double
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 100);
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
}

}  // namespace
}  // namespace kinship
