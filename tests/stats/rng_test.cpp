#include "harness/stats/rng.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

using kinship::Rng;

TEST_CASE("Rng reproduces the xoshiro256** reference sequence from state {1,2,3,4}", "[rng]") {
  // First output by hand: rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520; the second is 0 because
  // the update zeroes s1 (s1 ^= s2 after s2 ^= s0 makes both 2).
  Rng rng = Rng::FromState(1, 2, 3, 4);
  CHECK(rng.NextU64() == 11520u);
  CHECK(rng.NextU64() == 0u);
  CHECK(rng.NextU64() == 1509978240u);
  CHECK(rng.NextU64() == 1215971899390074240u);
}

TEST_CASE("Rng output for a seed is pinned across releases", "[rng]") {
  // Recorded p-values depend on this stream: if this test fails, the format changed.
  Rng a(42);
  Rng b(42);
  std::vector<std::uint64_t> first;
  for (int i = 0; i < 4; ++i) first.push_back(a.NextU64());
  for (int i = 0; i < 4; ++i) CHECK(b.NextU64() == first[i]);
  // Value checked against an independent Python model of the header's definition.
  CHECK(first[0] == 0x15780b2e0c2ec716ULL);
  CHECK(Rng(43).NextU64() != first[0]);
}

TEST_CASE("Rng::Uniform is at least 0 and below 1 with mean near one half", "[rng]") {
  Rng rng(7);
  double sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.Uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  // sd of the mean = sqrt(1/12 / n) ~ 0.0009; 5 sd band.
  CHECK(sum / n == Approx(0.5).margin(0.0046));
}

TEST_CASE("Rng::Below is unbiased over a small range", "[rng]") {
  Rng rng(11);
  std::vector<int> counts(6, 0);
  const int n = 60000;
  for (int i = 0; i < n; ++i) {
    const auto k = rng.Below(6);
    REQUIRE(k < 6u);
    ++counts[k];
  }
  // Each count ~ Binomial(60000, 1/6): mean 10000, sd ~ 91; 5 sd band.
  for (int c : counts) CHECK(std::abs(c - 10000) < 460);
  CHECK(rng.Below(1) == 0u);
}
