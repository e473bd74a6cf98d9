#include "harness/stats/permutation_test.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "harness/stats/rng.h"

using kinship::PairedSignFlipTest;
using kinship::PermutationOptions;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The definition, enumerated in the test itself: the fraction of all 2^n sign patterns
// whose mean is >= the observed mean (with a tiny slack for rounding).
double BruteForceP(const std::vector<double>& d) {
  const int n = static_cast<int>(d.size());
  double observed = 0;
  for (double x : d) observed += x;
  std::uint64_t count = 0;
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << n); ++mask) {
    double s = 0;
    for (int i = 0; i < n; ++i) s += ((mask >> i) & 1) ? -d[i] : d[i];
    if (s >= observed - 1e-9) ++count;
  }
  return static_cast<double>(count) / static_cast<double>(std::uint64_t{1} << n);
}

double Normal(kinship::Rng& rng) {
  // Box-Muller; the test needs only approximate normality.
  const double u1 = 1.0 - rng.Uniform();
  const double u2 = rng.Uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

std::vector<double> NormalSample(kinship::Rng& rng, int n, double shift) {
  std::vector<double> d(static_cast<std::size_t>(n));
  for (double& x : d) x = shift + Normal(rng);
  return d;
}

}  // namespace

TEST_CASE("Sign-flip test matches hand-computed exact p-values", "[permutation]") {
  // d = {1, 2, 3}: sums of the 8 patterns are 6, 4, 2, 0, 0, -2, -4, -6; only the
  // observed one reaches 6, so p = 1/8.
  auto r = PairedSignFlipTest({1, 2, 3});
  CHECK(r.exact);
  CHECK(r.n == 3);
  CHECK(r.statistic == Approx(2.0));
  CHECK(r.p_value == Approx(1.0 / 8));
  // d = {1, -1}: sums 0, 2, -2, 0 against observed 0: three patterns reach it (ties count).
  CHECK(PairedSignFlipTest({1, -1}).p_value == Approx(3.0 / 4));
  // d = {3, -1, 1}: observed sum 3; patterns with sum >= 3: {3,-1,1}, {3,1,1}, {3,1,-1}...
  // sums: +3-1+1=3, +3-1-1=1, +3+1+1=5, +3+1-1=3, then the negated ones -3,-1,-5,-3 -> 3/8.
  CHECK(PairedSignFlipTest({3, -1, 1}).p_value == Approx(3.0 / 8));
}

TEST_CASE("Sign-flip exact enumeration equals brute force on random small samples",
          "[permutation]") {
  kinship::Rng rng(2024);
  for (int trial = 0; trial < 40; ++trial) {
    const int n = 1 + trial % 14;
    std::vector<double> d = NormalSample(rng, n, 0.3);
    // Round to one decimal so ties in |d| and exact ties of sums happen often.
    for (double& x : d) x = std::round(x * 10) / 10;
    INFO("trial " << trial << " n " << n);
    CHECK(PairedSignFlipTest(d).p_value == Approx(BruteForceP(d)).epsilon(1e-12));
  }
}

TEST_CASE("Sign-flip test ignores NaN entries and keeps zeros in n and the mean",
          "[permutation]") {
  auto r = PairedSignFlipTest({1, kNaN, 2, 0, 3, kNaN});
  CHECK(r.n == 4);
  CHECK(r.statistic == Approx(1.5));
  // Zeros do not change the pattern counts: same p as {1, 2, 3}.
  CHECK(r.p_value == Approx(1.0 / 8));
  // All zero: every pattern ties with the observed mean.
  CHECK(PairedSignFlipTest({0, 0, 0}).p_value == 1.0);
  auto empty = PairedSignFlipTest({kNaN});
  CHECK(empty.n == 0);
  CHECK(std::isnan(empty.p_value));
}

TEST_CASE("Monte-Carlo sign-flip p is within binomial error of the exact p at n=15",
          "[permutation]") {
  kinship::Rng rng(99);
  const std::vector<double> d = NormalSample(rng, 15, 0.4);
  const double exact = PairedSignFlipTest(d).p_value;
  PermutationOptions mc;
  mc.exact_up_to_n = 0;
  mc.iterations = 200000;
  mc.seed = 5;
  auto r = PairedSignFlipTest(d, mc);
  CHECK_FALSE(r.exact);
  CHECK(r.iterations == 200000);
  const double sd = std::sqrt(exact * (1 - exact) / mc.iterations);
  INFO("exact " << exact << " mc " << r.p_value);
  CHECK(exact > 0.001);  // the case is informative, not trivially 0 or 1
  CHECK(std::fabs(r.p_value - exact) < 5 * sd + 1e-5);
}

TEST_CASE("Monte-Carlo sign-flip p is reproducible for a seed and never zero",
          "[permutation]") {
  kinship::Rng rng(3);
  const std::vector<double> d = NormalSample(rng, 200, 3.0);  // overwhelming shift
  PermutationOptions options;
  options.iterations = 999;
  options.seed = 17;
  auto a = PairedSignFlipTest(d, options);
  auto b = PairedSignFlipTest(d, options);
  CHECK(a.p_value == b.p_value);
  CHECK(a.p_value == Approx(1.0 / 1000));
}

TEST_CASE("Sign-flip test holds its level under the null and has power under a shift",
          "[permutation]") {
  kinship::Rng rng(12345);
  PermutationOptions options;
  options.iterations = 2000;
  int null_rejections = 0;
  int shift_rejections = 0;
  for (int dataset = 0; dataset < 200; ++dataset) {
    options.seed = static_cast<std::uint64_t>(dataset) + 1;
    if (PairedSignFlipTest(NormalSample(rng, 40, 0.0), options).p_value <= 0.05) {
      ++null_rejections;
    }
    if (PairedSignFlipTest(NormalSample(rng, 40, 0.6), options).p_value <= 0.05) {
      ++shift_rejections;
    }
  }
  // Null: Binomial(200, 0.05) has mean 10, sd 3.1; a wide band catches a broken test
  // (one that always or never rejects) without flaking.
  CHECK(null_rejections >= 2);
  CHECK(null_rejections <= 22);
  // Shift of 0.6 sd at n = 40: power of the t-test is about 0.97.
  CHECK(shift_rejections >= 180);
}

TEST_CASE("Sign-flip test on skewed null data is not fooled by the skew", "[permutation]") {
  // Symmetric-about-zero but heavy-tailed null (difference of two exponentials).
  kinship::Rng rng(777);
  PermutationOptions options;
  options.iterations = 2000;
  int rejections = 0;
  for (int dataset = 0; dataset < 200; ++dataset) {
    std::vector<double> d(30);
    for (double& x : d) x = -std::log(1 - rng.Uniform()) + std::log(1 - rng.Uniform());
    options.seed = static_cast<std::uint64_t>(dataset) + 1000;
    if (PairedSignFlipTest(d, options).p_value <= 0.05) ++rejections;
  }
  CHECK(rejections >= 2);
  CHECK(rejections <= 22);
}
