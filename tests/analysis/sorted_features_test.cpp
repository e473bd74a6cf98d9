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
  std::vector<std::uint32_t> common;
  std::set_intersection(r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[x]),
                        r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[x + 1]),
                        r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[y]),
                        r.ranks.begin() + static_cast<std::ptrdiff_t>(r.begin[y + 1]),
                        std::back_inserter(common));
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
      CHECK(std::is_sorted(ranks.ranks.begin() + static_cast<std::ptrdiff_t>(ranks.begin[i]),
                           ranks.ranks.begin() + static_cast<std::ptrdiff_t>(ranks.begin[i + 1])));
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

}  // namespace
}  // namespace kinship
