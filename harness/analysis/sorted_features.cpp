#include "harness/analysis/sorted_features.h"

#include <algorithm>
#include <cmath>

namespace kinship {

AnswerFeatures MakeFeatureSet(std::vector<std::uint64_t> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  AnswerFeatures features;
  features.norm = static_cast<double>(items.size());
  features.keys = std::move(items);
  return features;
}

AnswerFeatures MakeFeatureBag(std::vector<std::uint64_t> items) {
  std::sort(items.begin(), items.end());
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
