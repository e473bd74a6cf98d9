#include "harness/report/hierarchical_clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kinship {

namespace {

// Leaves of cluster `id`, left to right, appended to `order` (iterative: a chain-shaped
// tree of a few hundred models must not recurse that deep).
void AppendLeaves(int id, std::size_t n, const std::vector<ClusterMerge>& merges,
                  std::vector<int>* order) {
  std::vector<int> stack = {id};
  while (!stack.empty()) {
    const int top = stack.back();
    stack.pop_back();
    if (top < static_cast<int>(n)) {
      order->push_back(top);
      continue;
    }
    const ClusterMerge& merge = merges[static_cast<std::size_t>(top) - n];
    stack.push_back(merge.right);
    stack.push_back(merge.left);
  }
}

}  // namespace

Clustering ClusterAverageLinkage(const std::vector<double>& similarity, std::size_t n) {
  Clustering result;
  if (n == 0) return result;
  double missing = 1;
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      const double s = similarity[a * n + b];
      if (a != b && !std::isnan(s)) missing = std::max(missing, 1 - s);
    }
  }
  // dist between active clusters, indexed by slot; slot i holds cluster ids[i].
  std::vector<double> dist(n * n, 0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      // Symmetrise: a matrix off by rounding must not make the order depend on the triangle.
      const double s1 = similarity[a * n + b], s2 = similarity[b * n + a];
      double d;
      if (std::isnan(s1) && std::isnan(s2)) {
        d = missing;
      } else if (std::isnan(s1) || std::isnan(s2)) {
        d = 1 - (std::isnan(s1) ? s2 : s1);
      } else {
        d = 1 - (s1 + s2) / 2;
      }
      dist[a * n + b] = d;
    }
  }
  std::vector<int> ids(n), sizes(n, 1), first_leaf(n);
  std::vector<bool> active(n, true);
  for (std::size_t i = 0; i < n; ++i) ids[i] = first_leaf[i] = static_cast<int>(i);

  for (std::size_t step = 0; step + 1 < n; ++step) {
    std::size_t best_a = 0, best_b = 0;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < n; ++a) {
      if (!active[a]) continue;
      for (std::size_t b = a + 1; b < n; ++b) {
        if (active[b] && dist[a * n + b] < best) {
          best = dist[a * n + b];
          best_a = a;
          best_b = b;
        }
      }
    }
    ClusterMerge merge;
    // The side holding the lower model index goes left, so the leaf order stays as close to
    // panel order as the tree allows.
    const bool a_first = first_leaf[best_a] < first_leaf[best_b];
    merge.left = a_first ? ids[best_a] : ids[best_b];
    merge.right = a_first ? ids[best_b] : ids[best_a];
    first_leaf[best_a] = std::min(first_leaf[best_a], first_leaf[best_b]);
    merge.height = best;
    merge.size = sizes[best_a] + sizes[best_b];
    result.merges.push_back(merge);
    // The merged cluster lives in slot best_a; Lance-Williams update for average linkage.
    for (std::size_t c = 0; c < n; ++c) {
      if (!active[c] || c == best_a || c == best_b) continue;
      const double d = (sizes[best_a] * dist[best_a * n + c] + sizes[best_b] * dist[best_b * n + c]) /
                       merge.size;
      dist[best_a * n + c] = d;
      dist[c * n + best_a] = d;
    }
    sizes[best_a] = merge.size;
    ids[best_a] = static_cast<int>(n + step);
    active[best_b] = false;
  }
  AppendLeaves(static_cast<int>(2 * n - 2), n, result.merges, &result.order);
  return result;
}

}  // namespace kinship
