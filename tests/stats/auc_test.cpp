#include "harness/stats/auc.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

using namespace kinship;

TEST_CASE("AUC with ties matches a hand count of pairs", "[auc]") {
  // Positives {0.9, 0.7, 0.5}, negatives {0.7, 0.3, 0.5, 0.1}. Pairs (12):
  // 0.9 beats all 4; 0.7 beats 0.3, 0.5, 0.1 and ties 0.7; 0.5 beats 0.3, 0.1 and ties
  // 0.5. Wins 4 + 3 + 2 = 9, ties 2 -> AUC = (9 + 1) / 12.
  CHECK(Auc({0.9, 0.7, 0.5}, {0.7, 0.3, 0.5, 0.1}) == Approx(10.0 / 12));
  CHECK(Auc({1, 1}, {1, 1, 1}) == Approx(0.5));
  CHECK(Auc({3, 4}, {1, 2}) == 1.0);
  CHECK(Auc({1, 2}, {3, 4}) == 0.0);
  CHECK(std::isnan(Auc({}, {1.0})));
}

TEST_CASE("AucFromLabels drops NaN scores and checks lengths", "[auc]") {
  CHECK(AucFromLabels({0.9, std::nan(""), 0.1}, {true, true, false}) == 1.0);
  CHECK_THROWS_AS(AucFromLabels({0.1}, {true, false}), std::invalid_argument);
}

TEST_CASE("AUC null under label shuffling centres on 0.5 and flags a real separation",
          "[auc]") {
  Rng rng(4);
  std::vector<double> scores;
  std::vector<bool> labels;
  for (int i = 0; i < 100; ++i) {
    const bool positive = i % 2 == 0;
    scores.push_back(rng.Uniform() + (positive ? 0.5 : 0.0));
    labels.push_back(positive);
  }
  const double observed = AucFromLabels(scores, labels);
  const auto null = AucNullDistribution(scores, labels, 999, 7);
  REQUIRE(null.size() == 999);
  const NullBand band = NullBandOf(null);
  CHECK(band.median == Approx(0.5).margin(0.02));
  CHECK(band.low < 0.5);
  CHECK(band.high > 0.5);
  CHECK(band.high < 0.7);
  CHECK(observed > band.high);
  CHECK(EmpiricalPValue(observed, null) == Approx(1.0 / 1000));
  // Reproducible for a seed.
  CHECK(AucNullDistribution(scores, labels, 999, 7) == null);
}

TEST_CASE("AUC null accepts a custom relabelling such as a within-pair swap", "[auc]") {
  // Scores come in prompt pairs (2i, 2i+1); the null swaps labels within a pair only.
  std::vector<double> scores = {1, 2, 3, 4, 5, 6};
  std::vector<bool> labels = {true, false, true, false, true, false};
  int calls = 0;
  auto null = AucNullDistribution(scores, labels, 50, 1, [&](Rng& rng, std::vector<bool>& l) {
    ++calls;
    for (std::size_t i = 0; i + 1 < l.size(); i += 2) {
      if (rng.Below(2) == 1) {
        const bool tmp = l[i];
        l[i] = l[i + 1];
        l[i + 1] = tmp;
      }
    }
  });
  CHECK(calls == 50);
  CHECK(null.size() == 50);
  for (double a : null) {
    CHECK(a >= 0.0);
    CHECK(a <= 1.0);
  }
}

TEST_CASE("EmpiricalPValue counts ties and both tails", "[auc]") {
  const std::vector<double> null = {0.1, 0.2, 0.2, 0.3};
  CHECK(EmpiricalPValue(0.2, null) == Approx(4.0 / 5));         // 0.2, 0.2, 0.3 >= 0.2
  CHECK(EmpiricalPValue(0.2, null, false) == Approx(4.0 / 5));  // 0.1, 0.2, 0.2 <= 0.2
  CHECK(EmpiricalPValue(0.35, null) == Approx(1.0 / 5));
  CHECK(std::isnan(EmpiricalPValue(0.2, {})));
}

TEST_CASE("EmpiricalNull drops NaN draws and sorts", "[auc]") {
  int k = 0;
  auto null = EmpiricalNull(6, 1, [&](Rng&) {
    ++k;
    return k % 3 == 0 ? std::nan("") : 10.0 - k;
  });
  CHECK(null == std::vector<double>{5, 6, 8, 9});
}
