#include "harness/stats/exact_tests.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

using namespace kinship;

TEST_CASE("Binomial test matches hand-computed tails", "[exact]") {
  // 8 of 10 at p0 = 1/2: P(X >= 8) = (45 + 10 + 1) / 1024.
  CHECK(BinomialTestP(8, 10, 0.5, Alternative::kGreater) == Approx(56.0 / 1024));
  CHECK(BinomialTestP(8, 10, 0.5, Alternative::kLess) == Approx(1013.0 / 1024));
  CHECK(BinomialTestP(8, 10, 0.5, Alternative::kTwoSided) == Approx(112.0 / 1024));
  // Asymmetric p0: 3 of 5 at 0.2: P(X >= 3) = 10*.008*.64 + 5*.0016*.8 + .00032 = 0.05792.
  CHECK(BinomialTestP(3, 5, 0.2, Alternative::kGreater) == Approx(0.05792));
  // Two-sided at 0.2: pmf(3) = 0.0512; outcomes no more likely: 3, 4, 5 -> 0.05792.
  CHECK(BinomialTestP(3, 5, 0.2, Alternative::kTwoSided) == Approx(0.05792));
  CHECK(BinomialTestP(0, 5, 0.2, Alternative::kGreater) == 1.0);
  CHECK(std::isnan(BinomialTestP(0, 0, 0.5, Alternative::kGreater)));
  CHECK_THROWS_AS(BinomialTestP(6, 5, 0.5, Alternative::kGreater), std::invalid_argument);
}

TEST_CASE("Exact McNemar with b=10, c=2 matches the binomial tails", "[exact]") {
  // n = 12 discordant; P(X >= 10) = (66 + 12 + 1) / 4096.
  CHECK(McNemarExactP(10, 2, Alternative::kGreater) == Approx(79.0 / 4096));
  CHECK(McNemarExactP(10, 2, Alternative::kTwoSided) == Approx(158.0 / 4096));  // 0.03857
  CHECK(McNemarExactP(2, 10, Alternative::kGreater) == Approx(1 - 13.0 / 4096));
  CHECK(McNemarExactP(5, 5, Alternative::kTwoSided) == 1.0);
  CHECK(std::isnan(McNemarExactP(0, 0, Alternative::kGreater)));
}

TEST_CASE("Fisher's exact test reproduces the lady tasting tea", "[exact]") {
  // Fisher (1935): 8 cups, 4 milk-first; she names 3 of the 4 correctly.
  // P(a) = C(4,a) C(4,4-a) / 70 = 1, 16, 36, 16, 1 over 70.
  CHECK(FisherExactP(3, 1, 1, 3, Alternative::kGreater) == Approx(17.0 / 70));
  CHECK(FisherExactP(3, 1, 1, 3, Alternative::kTwoSided) == Approx(34.0 / 70));
  CHECK(FisherExactP(4, 0, 0, 4, Alternative::kGreater) == Approx(1.0 / 70));
  CHECK(FisherExactP(3, 1, 1, 3, Alternative::kLess) == Approx(69.0 / 70));
}

TEST_CASE("Fisher's exact test matches a hypergeometric sum on a lopsided table", "[exact]") {
  // [[10, 2], [3, 15]]: row1 = 12, row2 = 18, col1 = 13, N = 30. P(a >= 10) by hand
  // from C(12,a) C(18,13-a) / C(30,13).
  auto choose = [](int n, int k) {
    double r = 1;
    for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
    return r;
  };
  double p = 0;
  for (int a = 10; a <= 12; ++a) p += choose(12, a) * choose(18, 13 - a);
  p /= choose(30, 13);
  CHECK(FisherExactP(10, 2, 3, 15, Alternative::kGreater) == Approx(p).epsilon(1e-10));
}

TEST_CASE("Wilcoxon signed-rank reproduces the Hollander-Wolfe depression data", "[exact]") {
  // Hamilton depression scores before (x) and after (y) tranquilliser; R reports
  // V = 40, p = 0.01953 (= 10/512) for alternative "greater".
  const std::vector<double> x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
  const std::vector<double> y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
  std::vector<double> d;
  for (std::size_t i = 0; i < x.size(); ++i) d.push_back(x[i] - y[i]);
  auto r = WilcoxonSignedRank(d, Alternative::kGreater);
  CHECK(r.exact);
  CHECK(r.n == 9);
  CHECK(r.statistic == 40);
  CHECK(r.p_value == Approx(10.0 / 512));
  CHECK(WilcoxonSignedRank(d, Alternative::kTwoSided).p_value == Approx(20.0 / 512));
}

TEST_CASE("Wilcoxon exact p with ties equals enumeration of the mid-ranks", "[exact]") {
  // |d| ties: ranks of {1, 1, 2, 3, 3, 3, -4, 5} (zeros dropped first).
  const std::vector<double> d = {1, -1, 0, 2, 3, -3, 3, -4, 5, 0};
  auto r = WilcoxonSignedRank(d, Alternative::kGreater);
  REQUIRE(r.n == 8);
  // Mid-ranks: |1|,|1| -> 1.5; 2 -> 3; 3,3,3 -> 5; 4 -> 7; 5 -> 8.
  const std::vector<double> ranks = {1.5, 1.5, 3, 5, 5, 5, 7, 8};
  const std::vector<bool> positive = {true, false, true, true, false, true, false, true};
  double v = 0;
  for (std::size_t i = 0; i < ranks.size(); ++i) v += positive[i] ? ranks[i] : 0;
  CHECK(r.statistic == v);  // 1.5 + 3 + 5 + 5 + 8 = 22.5
  int at_least = 0;
  for (int mask = 0; mask < 256; ++mask) {
    double s = 0;
    for (int i = 0; i < 8; ++i) s += (mask >> i & 1) ? ranks[i] : 0;
    at_least += s >= v - 1e-9 ? 1 : 0;
  }
  CHECK(r.p_value == Approx(at_least / 256.0));
}

TEST_CASE("Wilcoxon normal approximation uses tie and continuity corrections", "[exact]") {
  // 60 differences: 1..60 with the 37 smallest negative (no ties): V = 1830 - 703 = 1127,
  // z = (1127 - 915 - 0.5) / 135.8 = 1.56, p = 0.06, a region where errors would show.
  std::vector<double> d;
  for (int i = 1; i <= 60; ++i) d.push_back(i <= 37 ? -i : i);
  auto r = WilcoxonSignedRank(d, Alternative::kGreater);
  CHECK_FALSE(r.exact);
  const double v = 60.0 * 61 / 2 - 703;  // all ranks minus 1..37
  CHECK(r.statistic == v);
  const double mean = 60.0 * 61 / 4;
  const double sd = std::sqrt(60.0 * 61 * 121 / 24);
  CHECK(r.p_value == Approx(0.5 * std::erfc((v - mean - 0.5) / sd / std::sqrt(2.0))));
  CHECK(r.p_value > 0.05);
  CHECK(r.p_value < 0.07);
  // The same data forced exact agree with the approximation to about 2e-3.
  auto exact = WilcoxonSignedRank(d, Alternative::kGreater, 60);
  CHECK(exact.exact);
  CHECK(exact.p_value == Approx(r.p_value).margin(2e-3));
  CHECK(std::isnan(WilcoxonSignedRank({0, 0}, Alternative::kGreater).p_value));
}
