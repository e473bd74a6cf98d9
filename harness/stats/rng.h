// A small seeded pseudo-random generator for the statistics: xoshiro256** (Blackman &
// Vigna 2018) seeded through SplitMix64.
//
// This is a *format*, like the hashes in harness/core/hash.h: every recorded p-value and
// bootstrap interval is a function of (data, seed, B), so the sequence produced for a seed
// must never change across releases or platforms. The exact definition:
//   - state s[0..3] = four successive SplitMix64 outputs starting from `seed`
//     (x += 0x9e3779b97f4a7c15; z = x; z = (z ^ z>>30) * 0xbf58476d1ce4e5b9;
//      z = (z ^ z>>27) * 0x94d049bb133111eb; out = z ^ z>>31);
//   - NextU64(): result = rotl(s1 * 5, 7) * 9, then the xoshiro256 state update;
//   - Uniform(): (NextU64() >> 11) * 2^-53, in [0, 1);
//   - Below(n): Lemire's multiply-shift with rejection (unbiased), one NextU64() per try.
// Changing any of these changes recorded results: add a new generator instead.
//
// Why xoshiro256** rather than std::mt19937_64: the standard distributions
// (std::uniform_int_distribution, ...) are implementation-defined, so results would differ
// between libstdc++ and libc++; the generator is also 4x smaller and faster.
//
// Not thread-safe (a value type: give each thread its own). Never throws.
#pragma once

#include <cstdint>

namespace kinship {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // Starts from a raw state (for reference-vector tests). The state must not be all zero.
  static Rng FromState(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2,
                       std::uint64_t s3);

  std::uint64_t NextU64() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform double in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n); n must be > 0.
  std::uint64_t Below(std::uint64_t n);

 private:
  Rng() = default;
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t s_[4] = {0, 0, 0, 0};
};

}  // namespace kinship
