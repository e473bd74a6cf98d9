#include "adapters/sim/ngram_model.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

namespace kinship {
namespace {

// A hand-checkable corpus over ids 3..6 ("a b c d"), vocabulary of 7 (with specials).
std::vector<std::vector<TokenId>> SmallCorpus() {
  return {{3, 4, 5}, {3, 4, 6}, {3, 5, 5, 4}, {4, 3, 4, 5}, {6, 6, 3}};
}

double SumOverVocabulary(const NgramModel& model, const std::vector<TokenId>& history) {
  double sum = 0;
  for (TokenId w = 0; w < model.vocab_size(); ++w) sum += model.Probability(history, w);
  return sum;
}

TEST_CASE("Kneser-Ney probabilities sum to one for seen, unseen and empty histories",
          "[ngram]") {
  for (int order : {2, 3, 4, 5}) {
    NgramModel model(order, 7, SmallCorpus());
    for (const auto& history : std::vector<std::vector<TokenId>>{
             {}, {3}, {3, 4}, {5, 5}, {6, 6, 3}, {4, 4, 4, 4}, {Vocabulary::kEnd}}) {
      INFO("order " << order << " history size " << history.size());
      CHECK(SumOverVocabulary(model, history) == Approx(1.0).epsilon(1e-12));
    }
  }
}

TEST_CASE("Kneser-Ney never predicts <unk> or <s> and gives every word some mass", "[ngram]") {
  NgramModel model(3, 9, SmallCorpus());  // ids 7, 8 never occur
  std::vector<TokenId> history = {3, 4};
  CHECK(model.Probability(history, Vocabulary::kUnknown) == 0.0);
  CHECK(model.Probability(history, Vocabulary::kBegin) == 0.0);
  CHECK(model.Probability(history, 7) > 0.0);
  CHECK(model.Probability(history, 5) > model.Probability(history, 7));
}

TEST_CASE("Discounts follow the count-of-counts estimate and stay below their counts",
          "[ngram]") {
  // Whatever the counts, each discount stays in (0, its count).
  NgramModel model(3, 7, SmallCorpus());
  for (int k = 1; k <= 3; ++k) {
    auto d = model.Discounts(k);
    CHECK(d[0] > 0.0);
    CHECK(d[0] < 1.0);
    CHECK(d[1] < 2.0);
    CHECK(d[2] < 3.0);
  }
  // Hand-checked on a bigram corpus:
  NgramModel bigram(2, 7, {{3, 4}, {3, 4}, {3, 5}, {4, 5}, {4, 5}, {4, 5}, {5, 6}});
  // Bigram events (with <s>): <s>3 x3, 34 x2, 35, <s>4 x3, 45 x3, <s>5, 56, 4</s> x2,
  // 5</s> x4, 6</s> -> counts: 1-count: 35, <s>5, 56, 6</s> = 4; 2: 34, 4</s> = 2;
  // 3: <s>3, <s>4, 45 = 3; 4+: 5</s> = 1.
  double y = 4.0 / (4.0 + 2.0 * 2.0);
  auto d = bigram.Discounts(2);
  CHECK(d[0] == Approx(1.0 - 2.0 * y * 2.0 / 4.0));  // 0.5
  // 2 - 3Y n3/n2 = -0.25 here: negative estimates are clamped to a small positive D.
  CHECK(d[1] == Approx(0.05));
  CHECK(d[2] == Approx(3.0 - 4.0 * y * 1.0 / 3.0));
}

TEST_CASE("Interpolated estimate matches a hand computation on a tiny corpus", "[ngram]") {
  NgramModel model(2, 7, {{3, 4}, {3, 4}, {3, 5}, {4, 5}, {4, 5}, {4, 5}, {5, 6}});
  auto d = model.Discounts(2);
  // Context "3": followers 4 (count 2), 5 (count 1); total 3.
  double gamma = (d[0] * 1 + d[1] * 1) / 3.0;
  std::vector<TokenId> history = {3};
  double expected = (2 - d[1]) / 3.0 + gamma * model.UnigramProbability(4);
  CHECK(model.Probability(history, 4) == Approx(expected).epsilon(1e-12));
  // An unseen follower gets only the backed-off mass.
  CHECK(model.Probability(history, 6) ==
        Approx(gamma * model.UnigramProbability(6)).epsilon(1e-12));
}

TEST_CASE("The sparse distribution agrees with the direct probabilities", "[ngram]") {
  NgramModel model(4, 7, SmallCorpus());
  std::vector<int> scratch(7, -1);
  SparseDistribution dist;
  for (const auto& history : std::vector<std::vector<TokenId>>{{3}, {3, 4}, {5, 5, 4}, {6}}) {
    model.Distribution(history, &dist, &scratch);
    double sum = 0;
    for (TokenId w = 2; w < 7; ++w) {
      auto it = std::find(dist.words.begin(), dist.words.end(), w);
      double p = it != dist.words.end() ? dist.probs[it - dist.words.begin()]
                                        : dist.rest_scale * model.UnigramProbability(w);
      CHECK(p == Approx(model.Probability(history, w)).epsilon(1e-12));
      sum += p;
    }
    CHECK(sum == Approx(1.0));
    for (int s : scratch) CHECK(s == -1);
  }
}

}  // namespace
}  // namespace kinship
