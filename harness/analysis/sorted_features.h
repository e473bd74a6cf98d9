// Kernels over sorted 64-bit feature vectors: building a set or a bag from hashed items and
// intersecting two of them with a linear merge. These are the inner loops of the panel
// analysis (models^2 x prompts x samples^2 calls), so they allocate nothing.
// Pure functions; thread-safe; never throw.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "harness/analysis/similarity_measure.h"

namespace kinship {

// Sorts and de-duplicates `items` into a set: keys only, norm = number of keys.
AnswerFeatures MakeFeatureSet(std::vector<std::uint64_t> items);

// Sorts `items` into a bag: unique keys with their counts as weights, norm = L2 norm.
AnswerFeatures MakeFeatureBag(std::vector<std::uint64_t> items);

// |a ∩ b| for sorted unique vectors.
std::size_t CountCommon(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Sum over common keys of weight_a * weight_b (sorted unique keys, parallel weights).
double WeightedDot(const AnswerFeatures& a, const AnswerFeatures& b);

// Jaccard |a ∩ b| / |a ∪ b| of two sets; 1 when both are empty.
double SetJaccard(const AnswerFeatures& a, const AnswerFeatures& b);

// Cosine of two bags; 1 when both are empty, 0 when exactly one is.
double BagCosine(const AnswerFeatures& a, const AnswerFeatures& b);

}  // namespace kinship
