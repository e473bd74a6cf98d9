#include "harness/stats/rng.h"

namespace kinship {
namespace {

std::uint64_t SplitMix64(std::uint64_t& x) {
  x += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
  // SplitMix64 never yields four zero words in a row, so the state is valid for any seed.
  for (std::uint64_t& word : s_) word = SplitMix64(seed);
}

Rng Rng::FromState(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2,
                   std::uint64_t s3) {
  Rng rng;
  rng.s_[0] = s0;
  rng.s_[1] = s1;
  rng.s_[2] = s2;
  rng.s_[3] = s3;
  return rng;
}

std::uint64_t Rng::Below(std::uint64_t n) {
  // Lemire (2019), "Fast random integer generation in an interval": the high word of a
  // 64x64 product is uniform on [0, n) once the few biased low words are rejected.
  unsigned __int128 product = static_cast<unsigned __int128>(NextU64()) * n;
  std::uint64_t low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = static_cast<unsigned __int128>(NextU64()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

}  // namespace kinship
