#include "harness/analysis/sorted_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace kinship {

namespace {

// Below this size std::sort beats building 256-bucket histograms.
constexpr std::size_t kRadixMinimum = 96;

// Stable LSD radix sort of keys[0..n), carrying values[0..n) along when values != nullptr.
// All byte histograms come from one pass; a byte that is the same in every key needs no
// pass (32-bit hashes stored in 64-bit keys sort in 4 passes, not 8). The result ends up in
// keys/values whatever the number of passes.
template <typename Key>
void RadixSortImpl(Key* keys, std::uint32_t* values, std::size_t n, Key* key_tmp,
                   std::uint32_t* value_tmp) {
  constexpr int kBytes = static_cast<int>(sizeof(Key));
  std::array<std::array<std::size_t, 256>, kBytes> counts{};
  for (std::size_t i = 0; i < n; ++i) {
    const Key k = keys[i];
    for (int b = 0; b < kBytes; ++b) ++counts[b][(k >> (8 * b)) & 0xff];
  }
  Key* src = keys;
  Key* dst = key_tmp;
  std::uint32_t* vsrc = values;
  std::uint32_t* vdst = value_tmp;
  for (int b = 0; b < kBytes; ++b) {
    std::array<std::size_t, 256>& count = counts[b];
    const Key first_byte = (keys[0] >> (8 * b)) & 0xff;
    if (count[first_byte] == n) continue;  // every key has this byte: nothing to reorder
    std::size_t sum = 0;
    for (std::size_t& c : count) {
      const std::size_t here = c;
      c = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t slot = count[(src[i] >> (8 * b)) & 0xff]++;
      dst[slot] = src[i];
      if (vsrc != nullptr) vdst[slot] = vsrc[i];
    }
    std::swap(src, dst);
    std::swap(vsrc, vdst);
  }
  if (src != keys) {
    std::memcpy(keys, src, n * sizeof(Key));
    if (values != nullptr) std::memcpy(values, vsrc, n * sizeof(std::uint32_t));
  }
}

// Stable LSD radix sort of 64-bit words by their upper 32 bits only, in three passes of 11
// bits: a prompt's 150,000 keys make arrays larger than L2, so every pass saved counts.
void RadixSortByHighWord(std::uint64_t* words, std::size_t n, std::uint64_t* tmp) {
  constexpr int kDigitBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  std::vector<std::size_t> counts(3 * kBuckets, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t w = words[i] >> 32;
    for (int d = 0; d < 3; ++d) ++counts[d * kBuckets + ((w >> (kDigitBits * d)) & (kBuckets - 1))];
  }
  std::uint64_t* src = words;
  std::uint64_t* dst = tmp;
  for (int d = 0; d < 3; ++d) {
    std::size_t* count = counts.data() + d * kBuckets;
    const int shift = 32 + kDigitBits * d;
    if (count[(words[0] >> shift) & (kBuckets - 1)] == n) continue;
    std::size_t sum = 0;
    for (std::size_t c = 0; c < kBuckets; ++c) {
      const std::size_t here = count[c];
      count[c] = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) dst[count[(src[i] >> shift) & (kBuckets - 1)]++] = src[i];
    std::swap(src, dst);
  }
  if (src != words) std::memcpy(words, src, n * sizeof(std::uint64_t));
}

}  // namespace

void RadixSortKeys(std::uint32_t* keys, std::size_t n, std::uint32_t* scratch) {
  if (n < kRadixMinimum) {
    std::sort(keys, keys + n);
    return;
  }
  RadixSortImpl<std::uint32_t>(keys, nullptr, n, scratch, nullptr);
}

void RadixSortKeys(std::uint64_t* keys, std::size_t n, std::uint64_t* scratch) {
  if (n < kRadixMinimum) {
    std::sort(keys, keys + n);
    return;
  }
  RadixSortImpl<std::uint64_t>(keys, nullptr, n, scratch, nullptr);
}

void RankSharedKeys(std::size_t items, const std::uint64_t* const* keys, const std::size_t* sizes,
                    const float* const* weights, SharedKeyRanks* out, RankScratch* scratch) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < items; ++i) total += sizes[i];
  RankScratch& s = *scratch;
  s.keys.resize(total);
  s.keys_tmp.resize(total);
  s.where.resize(total);
  s.rank_of.resize(total);
  std::size_t at = 0;
  std::uint64_t any_bits = 0;
  for (std::size_t i = 0; i < items; ++i) {
    std::memcpy(s.keys.data() + at, keys[i], sizes[i] * sizeof(std::uint64_t));
    for (std::size_t k = 0; k < sizes[i]; ++k) any_bits |= keys[i][k];
    at += sizes[i];
  }
  if (total > 0 && (any_bits >> 32) == 0) {
    // 32-bit keys (the lexical signal's): sort (key << 32 | position) as one word, which
    // moves 8 bytes a pass instead of 12; the positions' bytes are all distinct, so only the
    // key bytes are sorted on.
    for (std::size_t k = 0; k < total; ++k) s.keys[k] = (s.keys[k] << 32) | k;
    RadixSortByHighWord(s.keys.data(), total, s.keys_tmp.data());
    for (std::size_t k = 0; k < total; ++k) {
      s.where[k] = static_cast<std::uint32_t>(s.keys[k]);
      s.keys[k] >>= 32;
    }
  } else if (total > 0) {
    // 64-bit keys: sort (upper half of a bijective mix of the key) << 32 | position in three
    // passes, instead of eight passes over keys and positions. The mix spreads keys with
    // little entropy in their upper bits (packed character trigrams); runs whose upper
    // halves collide but whose keys differ are rare and are split by a small sort below.
    constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ULL;  // odd: multiplication is a bijection
    for (std::size_t k = 0; k < total; ++k) {
      s.keys_tmp[k] = ((s.keys[k] * kMix) & 0xffffffff00000000ULL) | k;
    }
    std::swap(s.keys, s.keys_tmp);  // s.keys: packed words; s.keys_tmp: the keys
    std::vector<std::uint64_t> sort_tmp(total);
    RadixSortByHighWord(s.keys.data(), total, sort_tmp.data());
    for (std::size_t k = 0; k < total; ++k) s.where[k] = static_cast<std::uint32_t>(s.keys[k]);
    for (std::size_t k = 0; k < total; ++k) s.keys[k] = s.keys_tmp[s.where[k]];
    // Now s.keys[k] is the key at s.where[k], grouped by mixed upper half; sort each group
    // that holds more than one distinct key, so equal keys are adjacent below.
    for (std::size_t i = 0; i < total;) {
      std::size_t j = i + 1;
      bool mixed_group = false;
      const std::uint64_t group = (s.keys[i] * kMix) >> 32;
      while (j < total && ((s.keys[j] * kMix) >> 32) == group) {
        mixed_group |= s.keys[j] != s.keys[i];
        ++j;
      }
      if (mixed_group) {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> run;
        for (std::size_t k = i; k < j; ++k) run.emplace_back(s.keys[k], s.where[k]);
        std::sort(run.begin(), run.end());
        for (std::size_t k = i; k < j; ++k) {
          s.keys[k] = run[k - i].first;
          s.where[k] = run[k - i].second;
        }
      }
      i = j;
    }
  }
  // Runs of equal keys: a run of >= 2 is a key shared by two answers (keys are unique within
  // an answer); it gets the next rank.
  constexpr std::uint32_t kAlone = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t next_rank = 0;
  for (std::size_t i = 0; i < total;) {
    std::size_t j = i + 1;
    while (j < total && s.keys[j] == s.keys[i]) ++j;
    const std::uint32_t rank = j - i >= 2 ? next_rank++ : kAlone;
    for (std::size_t k = i; k < j; ++k) s.rank_of[s.where[k]] = rank;
    i = j;
  }
  out->shared = next_rank;
  out->ranks.clear();
  out->counts.clear();
  out->ranks.reserve(total);
  if (weights != nullptr) out->counts.reserve(total);
  out->begin.assign(1, 0);
  out->size.resize(items);
  at = 0;
  for (std::size_t i = 0; i < items; ++i) {
    for (std::size_t k = 0; k < sizes[i]; ++k) {
      const std::uint32_t rank = s.rank_of[at + k];
      if (rank == kAlone) continue;
      out->ranks.push_back(rank);
      if (weights != nullptr) out->counts.push_back(static_cast<std::uint32_t>(weights[i][k]));
    }
    out->size[i] = static_cast<std::uint32_t>(sizes[i]);
    out->begin.push_back(out->ranks.size());
    at += sizes[i];
  }
}

void RankSharedKeys32(std::size_t items, std::vector<std::uint64_t>* key_items,
                      std::vector<std::uint64_t>* scratch, SharedKeyRanks* out) {
  std::vector<std::uint64_t>& v = *key_items;
  const std::size_t total = v.size();
  scratch->resize(total);
  // Stable by key, so within a run of one key the items stay in increasing order and a
  // repeat of the key inside one answer is adjacent to itself.
  if (total > 0) RadixSortByHighWord(v.data(), total, scratch->data());
  out->size.assign(items, 0);
  std::vector<std::size_t> shared_count(items, 0);
  // Pass 1: sizes (distinct keys per item) and how many shared ranks each item gets.
  std::uint32_t shared = 0;
  for (std::size_t i = 0; i < total;) {
    const std::uint32_t key = static_cast<std::uint32_t>(v[i] >> 32);
    std::size_t j = i;
    std::size_t distinct = 0;
    std::uint64_t last = ~std::uint64_t{0};
    for (; j < total && static_cast<std::uint32_t>(v[j] >> 32) == key; ++j) {
      if (v[j] != last) {
        ++distinct;
        ++out->size[static_cast<std::uint32_t>(v[j])];
        last = v[j];
      }
    }
    if (distinct >= 2) {
      last = ~std::uint64_t{0};
      for (std::size_t k = i; k < j; ++k) {
        if (v[k] != last) ++shared_count[static_cast<std::uint32_t>(v[k])];
        last = v[k];
      }
      ++shared;
    }
    i = j;
  }
  out->shared = shared;
  out->begin.assign(items + 1, 0);
  for (std::size_t i = 0; i < items; ++i) out->begin[i + 1] = out->begin[i] + shared_count[i];
  out->ranks.resize(out->begin[items]);
  out->counts.clear();
  // Pass 2: ranks in key order, so each item's list comes out sorted.
  std::vector<std::size_t> cursor(out->begin.begin(), out->begin.end() - 1);
  std::uint32_t rank = 0;
  for (std::size_t i = 0; i < total;) {
    const std::uint32_t key = static_cast<std::uint32_t>(v[i] >> 32);
    std::size_t j = i + 1;
    bool several = false;
    for (; j < total && static_cast<std::uint32_t>(v[j] >> 32) == key; ++j) {
      several |= static_cast<std::uint32_t>(v[j]) != static_cast<std::uint32_t>(v[i]);
    }
    if (several) {
      std::uint64_t last = ~std::uint64_t{0};
      for (std::size_t k = i; k < j; ++k) {
        if (v[k] != last) out->ranks[cursor[static_cast<std::uint32_t>(v[k])]++] = rank;
        last = v[k];
      }
      ++rank;
    }
    i = j;
  }
}

AnswerFeatures MakeFeatureSet(std::vector<std::uint64_t> items) {
  std::vector<std::uint64_t> scratch(items.size());
  RadixSortKeys(items.data(), items.size(), scratch.data());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  AnswerFeatures features;
  features.norm = static_cast<double>(items.size());
  features.keys = std::move(items);
  return features;
}

AnswerFeatures MakeFeatureBag(std::vector<std::uint64_t> items) {
  std::vector<std::uint64_t> scratch(items.size());
  RadixSortKeys(items.data(), items.size(), scratch.data());
  AnswerFeatures features;
  double sum_squares = 0;
  for (std::size_t i = 0; i < items.size();) {
    std::size_t j = i + 1;
    while (j < items.size() && items[j] == items[i]) ++j;
    const double count = static_cast<double>(j - i);
    features.keys.push_back(items[i]);
    features.weights.push_back(static_cast<float>(count));
    sum_squares += count * count;
    i = j;
  }
  features.norm = std::sqrt(sum_squares);
  return features;
}

std::size_t CountCommon(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  // Branch-light merge: the comparisons are unpredictable, so advance both cursors with
  // arithmetic instead of an if/else chain.
  const std::uint64_t* pa = a.data();
  const std::uint64_t* pb = b.data();
  const std::uint64_t* const ea = pa + a.size();
  const std::uint64_t* const eb = pb + b.size();
  std::size_t common = 0;
  while (pa != ea && pb != eb) {
    const std::uint64_t x = *pa;
    const std::uint64_t y = *pb;
    common += (x == y);
    pa += (x <= y);
    pb += (y <= x);
  }
  return common;
}

double WeightedDot(const AnswerFeatures& a, const AnswerFeatures& b) {
  double dot = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.keys.size() && j < b.keys.size()) {
    const std::uint64_t x = a.keys[i];
    const std::uint64_t y = b.keys[j];
    if (x == y) dot += static_cast<double>(a.weights[i]) * b.weights[j];
    i += (x <= y);
    j += (y <= x);
  }
  return dot;
}

double SetJaccard(const AnswerFeatures& a, const AnswerFeatures& b) {
  if (a.keys.empty() && b.keys.empty()) return 1.0;
  const double common = static_cast<double>(CountCommon(a.keys, b.keys));
  return common / (static_cast<double>(a.keys.size() + b.keys.size()) - common);
}

double BagCosine(const AnswerFeatures& a, const AnswerFeatures& b) {
  if (a.keys.empty() && b.keys.empty()) return 1.0;
  if (a.keys.empty() || b.keys.empty()) return 0.0;
  const double cosine = WeightedDot(a, b) / (a.norm * b.norm);
  return std::min(1.0, cosine);  // rounding can overshoot 1 for identical bags
}

}  // namespace kinship
