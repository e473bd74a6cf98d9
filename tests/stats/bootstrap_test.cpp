#include "harness/stats/bootstrap.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "harness/stats/rng.h"

using namespace kinship;

namespace {
double MeanAt(const std::vector<double>& x, const std::vector<int>& indices) {
  double s = 0;
  for (int i : indices) s += x[i];
  return s / static_cast<double>(indices.size());
}
}  // namespace

TEST_CASE("SortedQuantile interpolates like R's type 7", "[bootstrap]") {
  const std::vector<double> x = {1, 2, 3, 4};
  CHECK(SortedQuantile(x, 0.0) == 1.0);
  CHECK(SortedQuantile(x, 1.0) == 4.0);
  CHECK(SortedQuantile(x, 0.5) == Approx(2.5));
  CHECK(SortedQuantile(x, 0.25) == Approx(1.75));  // h = 0.75 -> 1 + 0.75
}

TEST_CASE("Cluster bootstrap of a constant has a zero-width interval", "[bootstrap]") {
  const std::vector<double> x(30, 2.5);
  auto ci = ClusterBootstrapCi(30, [&](const std::vector<int>& idx) { return MeanAt(x, idx); });
  CHECK(ci.estimate == 2.5);
  CHECK(ci.low == Approx(2.5));
  CHECK(ci.high == Approx(2.5));
  CHECK(ci.valid_resamples == 2000);
}

TEST_CASE("Cluster bootstrap interval of a mean has the textbook width", "[bootstrap]") {
  // For a mean of n iid values the percentile interval is about mean +- 1.96 s / sqrt(n).
  Rng rng(8);
  std::vector<double> x(400);
  for (double& v : x) v = rng.Uniform();  // sd = sqrt(1/12) = 0.2887
  BootstrapOptions options;
  options.resamples = 4000;
  options.seed = 3;
  auto ci = ClusterBootstrapCi(400, [&](const std::vector<int>& idx) { return MeanAt(x, idx); },
                               options);
  const double half_width = 1.96 * 0.2887 / std::sqrt(400.0);  // 0.0283
  CHECK(ci.low < ci.estimate);
  CHECK(ci.estimate < ci.high);
  CHECK((ci.high - ci.low) / 2 == Approx(half_width).epsilon(0.12));
  // Same seed, same interval.
  auto again = ClusterBootstrapCi(
      400, [&](const std::vector<int>& idx) { return MeanAt(x, idx); }, options);
  CHECK(again.low == ci.low);
  CHECK(again.high == ci.high);
}

TEST_CASE("Cluster bootstrap covers the true mean at about the nominal rate", "[bootstrap]") {
  Rng rng(21);
  BootstrapOptions options;
  options.resamples = 500;
  int covered = 0;
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<double> x(60);
    for (double& v : x) v = rng.Uniform();
    options.seed = static_cast<std::uint64_t>(trial) + 1;
    auto ci = ClusterBootstrapCi(
        60, [&](const std::vector<int>& idx) { return MeanAt(x, idx); }, options);
    if (ci.low <= 0.5 && 0.5 <= ci.high) ++covered;
  }
  // Nominal 95; percentile intervals run slightly narrow at n = 60.
  CHECK(covered >= 85);
  CHECK(covered <= 100);
}

TEST_CASE("Cluster bootstrap drops NaN replicates and gives up when most are NaN",
          "[bootstrap]") {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8};
  // NaN whenever index 0 is absent: P(absent) = (7/8)^8 = 0.34, so most replicates count.
  auto ci = ClusterBootstrapCi(8, [&](const std::vector<int>& idx) {
    for (int i : idx) {
      if (i == 0) return MeanAt(x, idx);
    }
    return std::nan("");
  });
  CHECK(ci.valid_resamples > 1000);
  CHECK(ci.valid_resamples < 2000);
  CHECK(std::isfinite(ci.low));
  auto hopeless = ClusterBootstrapCi(8, [](const std::vector<int>&) { return std::nan(""); });
  CHECK(std::isnan(hopeless.low));
  CHECK(hopeless.valid_resamples == 0);
}

TEST_CASE("Joint bootstrap returns one interval per statistic", "[bootstrap]") {
  const std::vector<double> x = {1, 3, 5, 7, 9, 11};
  auto cis = ClusterBootstrapCis(6, 2, [&](const std::vector<int>& idx, std::vector<double>& out) {
    out[0] = MeanAt(x, idx);
    out[1] = 2 * MeanAt(x, idx);
  });
  REQUIRE(cis.size() == 2);
  CHECK(cis[0].estimate == Approx(6));
  CHECK(cis[1].low == Approx(2 * cis[0].low));
  CHECK(cis[1].high == Approx(2 * cis[0].high));
}
