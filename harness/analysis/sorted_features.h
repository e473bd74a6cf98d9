// Kernels over sorted 64-bit feature vectors: building a set or a bag from hashed items and
// intersecting two of them with a linear merge. These are the inner loops of the panel
// analysis (models^2 x prompts x samples^2 calls), so they allocate nothing.
//
// Also the pieces of the prompt-at-a-time path (panel_similarity.cpp, and the lexical signals
// in harness/signals): an LSD radix sort for hashed keys, and RankSharedKeys, which replaces
// the keys of the answers to ONE prompt by dense ranks so that a pair of answers is compared
// by marking one answer's ranks in a small array and probing it with the other's, with no
// merge and no unpredictable branch. Keys that only one answer holds can never be common, so
// they are dropped from the rank lists (their count stays in the answer's size).
// Pure functions; thread-safe; never throw except std::bad_alloc.
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

// Sorts n keys ascending: LSD radix, 8 bits a pass, skipping passes where every key has the
// same byte; std::sort below a small size. `scratch` must hold n keys. Same result as
// std::sort (keys have no identity beyond their value).
void RadixSortKeys(std::uint32_t* keys, std::size_t n, std::uint32_t* scratch);
void RadixSortKeys(std::uint64_t* keys, std::size_t n, std::uint64_t* scratch);

// How a measure's Similarity is computed, for measures that are exactly one of the kernels
// above. The panel analysis dynamic_casts a SimilarityMeasure to this to use the prompt-at-a-
// time path, which gives the same values bit for bit. kBagCosine requires weights that are
// integer counts below 2^24 (as MakeFeatureBag makes): the dot product is then an exact
// integer sum, independent of summation order.
enum class SortedKernel { kSetJaccard, kBagCosine };
class SortedKernelMeasure {
 public:
  virtual ~SortedKernelMeasure() = default;
  virtual SortedKernel Kernel() const = 0;
};

// The answers to one prompt, re-keyed: item i (an answer sample) has the distinct ranks
// ranks[begin[i] .. begin[i + 1]) of its keys that at least one OTHER item also holds
// (rank < shared), and size[i] keys in all. counts (bags only) is parallel to ranks. Each
// list is sorted when the keys fit in 32 bits (always for RankSharedKeys32), so a merge can
// read it; for wider keys the ranks follow a hash order (the probe kernels do not care).
struct SharedKeyRanks {
  std::vector<std::uint32_t> ranks;
  std::vector<std::uint32_t> counts;
  std::vector<std::size_t> begin;  // items + 1 entries
  std::vector<std::uint32_t> size;
  std::uint32_t shared = 0;
};

// Reusable buffers of RankSharedKeys (one per thread).
struct RankScratch {
  std::vector<std::uint64_t> keys, keys_tmp;
  std::vector<std::uint32_t> where, rank_of;
};

// Ranks the keys of `items` answers: keys[i][0 .. sizes[i]) sorted and unique. weights may be
// nullptr (sets); otherwise weights[i] is parallel to keys[i] and holds integer counts.
void RankSharedKeys(std::size_t items, const std::uint64_t* const* keys, const std::size_t* sizes,
                    const float* const* weights, SharedKeyRanks* out, RankScratch* scratch);

// The same ranks for sets of 32-bit keys given unsorted and with repeats, which saves sorting
// each answer first: key_items[k] = (key << 32) | item for every key occurrence, items
// numbered 0 .. items-1. One radix sort of the whole prompt replaces items x (sort + unique).
// *key_items is reordered; *scratch is a buffer of the same size.
void RankSharedKeys32(std::size_t items, std::vector<std::uint64_t>* key_items,
                      std::vector<std::uint64_t>* scratch, SharedKeyRanks* out);

}  // namespace kinship
