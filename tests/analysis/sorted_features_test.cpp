#include "harness/analysis/sorted_features.h"

#include <algorithm>
#include <cstdint>
#include <random>

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("Radix sort orders 32- and 64-bit keys exactly as std::sort, at every size") {
  std::mt19937_64 rng(3);
  for (std::size_t n : {0, 1, 2, 95, 96, 97, 1000, 70000}) {
    std::vector<std::uint32_t> small(n);
    std::vector<std::uint64_t> wide(n);
    for (std::size_t i = 0; i < n; ++i) {
      small[i] = static_cast<std::uint32_t>(rng());
      // Constant bytes (skipped passes) mixed with varying ones, and repeated keys.
      wide[i] = (i % 7 == 0) ? wide[i / 2] : (rng() & 0x00ff00ff0000ffffULL);
    }
    std::vector<std::uint32_t> small_expected = small;
    std::vector<std::uint64_t> wide_expected = wide;
    std::sort(small_expected.begin(), small_expected.end());
    std::sort(wide_expected.begin(), wide_expected.end());
    std::vector<std::uint32_t> small_scratch(n);
    std::vector<std::uint64_t> wide_scratch(n);
    RadixSortKeys(small.data(), n, small_scratch.data());
    RadixSortKeys(wide.data(), n, wide_scratch.data());
    CHECK(small == small_expected);
    CHECK(wide == wide_expected);
  }
}

// Set Jaccard and bag cosine from shared ranks, the way the prompt kernels compute them.
double RankJaccard(const SharedKeyRanks& r, std::size_t x, std::size_t y) {
  std::vector<std::uint32_t> a(r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[x]),
                               r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[x + 1]));
  std::vector<std::uint32_t> b(r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[y]),
                               r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[y + 1]));
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(std::adjacent_find(a.begin(), a.end()) == a.end());  // distinct
  std::vector<std::uint32_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const double c = static_cast<double>(common.size());
  if (r.size[x] + r.size[y] == 0) return 1.0;
  return c / (static_cast<double>(r.size[x] + r.size[y]) - c);
}

TEST_CASE("Shared ranks drop keys held by one answer and keep Jaccard exact") {
  std::mt19937_64 rng(5);
  for (bool wide : {false, true}) {  // 32-bit keys take the packed sort path
    std::vector<AnswerFeatures> answers;
    for (int i = 0; i < 30; ++i) {
      std::vector<std::uint64_t> items;
      const std::size_t length = i == 3 ? 0 : rng() % 300;
      for (std::size_t k = 0; k < length; ++k) {
        const std::uint64_t key = rng() % 500;  // a small universe: many shared keys
        items.push_back(wide ? key * 0x9E3779B97F4A7C15ULL : key * 2654435761u % 4294967291u);
      }
      answers.push_back(MakeFeatureSet(items));
    }
    std::vector<const std::uint64_t*> keys;
    std::vector<std::size_t> sizes;
    for (const AnswerFeatures& a : answers) {
      keys.push_back(a.keys.data());
      sizes.push_back(a.keys.size());
    }
    SharedKeyRanks ranks;
    RankScratch scratch;
    RankSharedKeys(answers.size(), keys.data(), sizes.data(), nullptr, &ranks, &scratch);
    REQUIRE(ranks.begin.size() == answers.size() + 1);
    std::vector<int> holders(ranks.shared, 0);
    for (std::size_t i = 0; i < answers.size(); ++i) {
      CHECK(ranks.size[i] == answers[i].keys.size());
      if (!wide) {
        CHECK(std::is_sorted(ranks.ranks.begin() + static_cast<std::ptrdiff_t>(ranks.begin[i]),
                             ranks.ranks.begin() + static_cast<std::ptrdiff_t>(ranks.begin[i + 1])));
      }
      for (std::size_t k = ranks.begin[i]; k < ranks.begin[i + 1]; ++k) {
        REQUIRE(ranks.ranks[k] < ranks.shared);
        ++holders[ranks.ranks[k]];
      }
      for (std::size_t j = 0; j < answers.size(); ++j) {
        if (i != j) CHECK(RankJaccard(ranks, i, j) == SetJaccard(answers[i], answers[j]));
      }
    }
    CHECK(std::all_of(holders.begin(), holders.end(), [](int h) { return h >= 2; }));
  }
}

TEST_CASE("Shared ranks carry bag counts, so the integer dot product equals WeightedDot") {
  std::vector<AnswerFeatures> bags = {MakeFeatureBag({1, 1, 2, 3, 9}), MakeFeatureBag({1, 3, 3, 7}),
                                      MakeFeatureBag({}), MakeFeatureBag({2, 9, 9, 9, 4})};
  std::vector<const std::uint64_t*> keys;
  std::vector<std::size_t> sizes;
  std::vector<const float*> weights;
  for (const AnswerFeatures& b : bags) {
    keys.push_back(b.keys.data());
    sizes.push_back(b.keys.size());
    weights.push_back(b.weights.data());
  }
  SharedKeyRanks ranks;
  RankScratch scratch;
  RankSharedKeys(bags.size(), keys.data(), sizes.data(), weights.data(), &ranks, &scratch);
  CHECK(ranks.shared == 4);  // keys 1, 2, 3, 9 are shared; 7 and 4 are not
  for (std::size_t x = 0; x < bags.size(); ++x) {
    for (std::size_t y = 0; y < bags.size(); ++y) {
      if (x == y) continue;
      double dot = 0;
      for (std::size_t i = ranks.begin[x]; i < ranks.begin[x + 1]; ++i) {
        for (std::size_t j = ranks.begin[y]; j < ranks.begin[y + 1]; ++j) {
          if (ranks.ranks[i] == ranks.ranks[j]) dot += double(ranks.counts[i]) * ranks.counts[j];
        }
      }
      CHECK(dot == WeightedDot(bags[x], bags[y]));
    }
  }
}

TEST_CASE("Wide keys whose mixed upper halves collide still rank by their full value") {
  // RankSharedKeys groups 64-bit keys by the upper half of key * 0x9E3779B97F4A7C15. The
  // multiples of that constant's inverse mix to 1, 2, 3, ...: one group of distinct keys,
  // which must be split by full value.
  const std::uint64_t mix = 0x9E3779B97F4A7C15ULL;
  std::uint64_t inverse = mix;
  for (int i = 0; i < 6; ++i) inverse *= 2 - mix * inverse;  // Newton: mix * inverse == 1
  REQUIRE(mix * inverse == 1);
  auto set = [&](std::vector<std::uint64_t> multiples) {
    std::vector<std::uint64_t> keys;
    for (std::uint64_t m : multiples) keys.push_back(m * inverse);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  std::vector<std::vector<std::uint64_t>> sets = {set({1, 2, 3}), set({2, 3, 4}), set({3, 5})};
  std::vector<const std::uint64_t*> keys;
  std::vector<std::size_t> sizes;
  for (const auto& s : sets) {
    keys.push_back(s.data());
    sizes.push_back(s.size());
  }
  SharedKeyRanks ranks;
  RankScratch scratch;
  RankSharedKeys(sets.size(), keys.data(), sizes.data(), nullptr, &ranks, &scratch);
  CHECK(ranks.shared == 2);  // 2 (items 0, 1) and 3 (all three)
  CHECK(ranks.begin == std::vector<std::size_t>{0, 2, 4, 5});
  CHECK(ranks.size == std::vector<std::uint32_t>{3, 3, 2});
}

TEST_CASE("RankSharedKeys32 gives the ranks of the sorted unique sets from unsorted repeats") {
  // Item 0: {7, 3, 7, 9}; item 1: {9, 4}; item 2: {3, 9, 3}.
  std::vector<std::uint64_t> pairs;
  auto add = [&pairs](std::uint64_t key, std::uint64_t item) { pairs.push_back(key << 32 | item); };
  for (std::uint64_t k : {7, 3, 7, 9}) add(k, 0);
  for (std::uint64_t k : {9, 4}) add(k, 1);
  for (std::uint64_t k : {3, 9, 3}) add(k, 2);
  std::vector<std::uint64_t> scratch;
  SharedKeyRanks ranks;
  RankSharedKeys32(3, &pairs, &scratch, &ranks);
  CHECK(ranks.shared == 2);  // 3 -> rank 0, 9 -> rank 1
  CHECK(ranks.size == std::vector<std::uint32_t>{3, 2, 2});
  CHECK(ranks.begin == std::vector<std::size_t>{0, 2, 3, 5});
  CHECK(ranks.ranks == std::vector<std::uint32_t>{0, 1, 1, 0, 1});
}

}  // namespace
}  // namespace kinship
