#include "harness/stats/multiple_testing.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace kinship;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

int CountBelow(const std::vector<double>& p, double alpha) {
  int k = 0;
  for (double x : p) k += x <= alpha ? 1 : 0;
  return k;
}

// Benjamini & Hochberg (1995), section 4: 15 p-values from a clinical trial.
const std::vector<double> kBh1995 = {0.0001, 0.0004, 0.0019, 0.0095, 0.0201,
                                     0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
                                     0.4262, 0.5719, 0.6528, 0.7590, 1.0000};
}  // namespace

TEST_CASE("Holm adjustment matches a hand-computed example in input order", "[multiple]") {
  // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> the last
  // is raised to 0.06 by monotonicity.
  const auto adjusted = HolmAdjust({0.01, 0.04, 0.03, 0.005});
  REQUIRE(adjusted.size() == 4);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));
  CHECK(adjusted[2] == Approx(0.06));
  CHECK(adjusted[3] == Approx(0.02));
  CHECK(HolmAdjust({0.5, 0.9})[1] == 1.0);  // capped at 1
}

TEST_CASE("Holm and BH reject 3 and 4 of the Benjamini-Hochberg 1995 example", "[multiple]") {
  const auto holm = HolmAdjust(kBh1995);
  const auto bh = BenjaminiHochbergAdjust(kBh1995);
  CHECK(CountBelow(holm, 0.05) == 3);
  CHECK(CountBelow(bh, 0.05) == 4);
  CHECK(bh[3] == Approx(0.0095 * 15 / 4));
  // The 5th: min over k >= 5 of 15/k p_(k) = 0.0201 * 3.
  CHECK(bh[4] == Approx(0.0603));
  CHECK(holm[2] == Approx(0.0019 * 13));
}

TEST_CASE("BH adjustment matches a hand-computed example in input order", "[multiple]") {
  const auto adjusted = BenjaminiHochbergAdjust({0.01, 0.04, 0.03, 0.005});
  CHECK(adjusted[0] == Approx(0.02));
  CHECK(adjusted[1] == Approx(0.04));
  CHECK(adjusted[2] == Approx(0.04));
  CHECK(adjusted[3] == Approx(0.02));
}

TEST_CASE("Adjustments skip NaN p-values and leave them NaN", "[multiple]") {
  const auto holm = HolmAdjust({0.01, kNaN, 0.02});
  CHECK(holm[0] == Approx(0.02));
  CHECK(std::isnan(holm[1]));
  CHECK(holm[2] == Approx(0.02));
}

TEST_CASE("Cauchy combination matches hand values", "[multiple]") {
  // One p-value is returned unchanged.
  CHECK(CauchyCombination({0.3}) == Approx(0.3).epsilon(1e-12));
  // Two equal p-values combine to themselves (T is the same Cauchy variate).
  CHECK(CauchyCombination({0.05, 0.05}) == Approx(0.05).epsilon(1e-12));
  // {0.01, 0.5}: T = (cot(0.01 pi) + 0) / 2 = 15.894544843865.. / 2;
  // p = arctan(1/T) / pi.
  const double t = (1 / std::tan(0.01 * kPi)) / 2;
  CHECK(CauchyCombination({0.01, 0.5}) == Approx(std::atan(1 / t) / kPi).epsilon(1e-12));
  CHECK(CauchyCombination({0.01, 0.5}) == Approx(0.0200).epsilon(2e-3));
  // Weights are normalised: {0.01 with weight 3, 0.5 with weight 1}.
  const double tw = 0.75 / std::tan(0.01 * kPi);
  CHECK(CauchyCombination({0.01, 0.5}, {3, 1}) == Approx(std::atan(1 / tw) / kPi));
}

TEST_CASE("Cauchy combination is stable at the extremes", "[multiple]") {
  CHECK(CauchyCombination({1e-300}) == Approx(1e-300).epsilon(1e-9));
  // Two signals, one extreme: T ~ 1/(2 pi 1e-300), so p ~ 2e-300.
  CHECK(CauchyCombination({1e-300, 0.5}) == Approx(2e-300).epsilon(1e-9));
  CHECK(CauchyCombination({0.0, 1.0}) == 0.0);
  const double near_one = CauchyCombination({1.0, 1.0});
  CHECK(std::isfinite(near_one));
  CHECK(near_one > 0.999);
  CHECK(CauchyCombination({0.999999}) == Approx(0.999999).epsilon(1e-9));
  CHECK(std::isnan(CauchyCombination({})));
  CHECK_THROWS_AS(CauchyCombination({0.1, 0.2}, {1}), std::invalid_argument);
}

TEST_CASE("Harmonic-mean p matches hand values and its valid bound", "[multiple]") {
  // HMP of {0.01, 0.04} = 2 / (100 + 25) = 0.016.
  CHECK(HarmonicMeanP({0.01, 0.04}) == Approx(0.016));
  CHECK(HarmonicMeanPValid({0.01, 0.04}) == Approx(0.032));  // L = 2: factor 2
  // L = 4 equal p-values: HMP = p, valid = e ln 4 p.
  CHECK(HarmonicMeanPValid({0.001, 0.001, 0.001, 0.001}) ==
        Approx(std::exp(1.0) * std::log(4.0) * 0.001));
  CHECK(HarmonicMeanPValid({0.5, 0.6, 0.7}) == 1.0);
}

TEST_CASE("Intersection-union p is the max and refuses missing tests", "[multiple]") {
  CHECK(IntersectionUnionP({0.01, 0.03, 0.002}) == 0.03);
  CHECK(std::isnan(IntersectionUnionP({0.01, kNaN})));
  CHECK(std::isnan(IntersectionUnionP({})));
}
