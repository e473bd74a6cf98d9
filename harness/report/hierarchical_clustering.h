// Average-linkage (UPGMA) agglomerative clustering of a panel from its pairwise similarity
// matrix, so the heatmap can place alike models next to each other and draw a dendrogram.
// Distance is 1 - similarity; a missing similarity (NaN) counts as the largest distance
// seen (at least 1), so models without comparable data join last instead of poisoning the
// averages. Ties are broken by the lowest slots, and in each merge the side holding the
// lower model index goes left, so the result is deterministic and keeps panel order where
// the tree allows.
// O(n^3) time and O(n^2) memory: fine for panels of a few hundred models. Pure function;
// thread-safe; does not throw except std::bad_alloc.
#pragma once

#include <cstddef>
#include <vector>

namespace kinship {

struct ClusterMerge {
  // Cluster ids: 0..n-1 are the models; n+k is the cluster made by merges[k].
  int left = 0;
  int right = 0;
  double height = 0;  // average distance between the two clusters' members
  int size = 0;       // models in the merged cluster
};

struct Clustering {
  std::vector<int> order;             // model indices, leaves of the dendrogram left to right
  std::vector<ClusterMerge> merges;   // n-1 merges, in order (non-decreasing height is
                                      // guaranteed by average linkage)
};

// `similarity`: n x n row-major; the diagonal is ignored.
Clustering ClusterAverageLinkage(const std::vector<double>& similarity, std::size_t n);

}  // namespace kinship
