#include "harness/report/hierarchical_clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST_CASE("Clustering places the two tight groups of a panel side by side") {
  // Models 0 and 2 are alike, 1 and 3 are alike, the groups are far apart.
  const std::vector<double> s = {
      1.0, 0.1, 0.9, 0.2,  //
      0.1, 1.0, 0.1, 0.8,  //
      0.9, 0.1, 1.0, 0.1,  //
      0.2, 0.8, 0.1, 1.0};
  const Clustering c = ClusterAverageLinkage(s, 4);
  REQUIRE(c.order.size() == 4);
  REQUIRE(c.merges.size() == 3);
  CHECK(c.order == std::vector<int>{0, 2, 1, 3});
  CHECK(c.merges[0].left == 0);
  CHECK(c.merges[0].right == 2);
  CHECK(c.merges[0].height == Approx(0.1));
  CHECK(c.merges[1].left == 1);
  CHECK(c.merges[1].right == 3);
  CHECK(c.merges[1].height == Approx(0.2));
  // Average linkage: mean of the four cross distances 0.9, 0.8, 0.9, 0.9.
  CHECK(c.merges[2].height == Approx(0.875));
  CHECK(c.merges[2].size == 4);
}

TEST_CASE("Clustering merge heights never decrease") {
  std::vector<double> s(36);
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) s[a * 6 + b] = a == b ? 1 : 1.0 / (1 + std::abs(a - b) * (a + b));
  }
  const Clustering c = ClusterAverageLinkage(s, 6);
  REQUIRE(c.merges.size() == 5);
  for (std::size_t i = 1; i < c.merges.size(); ++i) {
    CHECK(c.merges[i].height >= c.merges[i - 1].height - 1e-12);
  }
  std::vector<int> sorted = c.order;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<int>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("A model without comparable data joins the clustering last") {
  const std::vector<double> s = {
      kNaN, 0.7, kNaN,  //
      0.7,  kNaN, kNaN,  //
      kNaN, kNaN, kNaN};
  const Clustering c = ClusterAverageLinkage(s, 3);
  REQUIRE(c.merges.size() == 2);
  CHECK(c.merges[0].left == 0);
  CHECK(c.merges[0].right == 1);
  CHECK(c.merges[1].left == 3);   // the cluster holding model 0 goes left
  CHECK(c.merges[1].right == 2);
  CHECK(c.merges[1].height == Approx(1.0));
  CHECK(c.order == std::vector<int>{0, 1, 2});
}

TEST_CASE("Clustering handles empty and single-model panels") {
  CHECK(ClusterAverageLinkage({}, 0).order.empty());
  const Clustering one = ClusterAverageLinkage({1.0}, 1);
  CHECK(one.order == std::vector<int>{0});
  CHECK(one.merges.empty());
}

}  // namespace
}  // namespace kinship
