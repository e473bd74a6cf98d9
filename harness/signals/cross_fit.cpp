#include "harness/signals/cross_fit.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "harness/core/hash.h"

namespace kinship {

std::vector<int> PromptFolds(const std::vector<std::string>& prompt_keys, int folds) {
  std::vector<std::uint64_t> hashes(prompt_keys.size());
  for (std::size_t p = 0; p < prompt_keys.size(); ++p) {
    hashes[p] = StableHash64("cross-fit:" + prompt_keys[p]);
  }
  std::vector<std::size_t> order(prompt_keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return hashes[x] != hashes[y] ? hashes[x] < hashes[y] : prompt_keys[x] < prompt_keys[y];
  });
  std::vector<int> fold(prompt_keys.size());
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    fold[order[rank]] = static_cast<int>(rank % static_cast<std::size_t>(std::max(1, folds)));
  }
  return fold;
}

}  // namespace kinship
