#include "harness/stats/permutation_test.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "harness/stats/rng.h"

namespace kinship {
namespace {

constexpr int kGroup = 8;         // differences per look-up table
constexpr int kTableSize = 256;   // 2^kGroup partial sums per table
constexpr int kMaxExact = 30;     // 2^30 patterns is the most we ever enumerate

// tables[g * 256 + b] = sum of d[8g + k] over the set bits k of b, for g < groups (groups
// past the data are all zero, as padding). Built incrementally: a byte's sum is its lowest
// set bit's difference plus the sum of the byte without it. Every entry is written, so the
// buffer needs no clearing.
//
// The buffer is thread-local and only grows: allocating ~200 KB per call made the kernel's
// page-fault and zeroing work cost more than the 10,000 draws themselves.
const double* BuildTables(const std::vector<double>& d, std::size_t groups) {
  thread_local std::vector<double> buffer;
  if (buffer.size() < groups * kTableSize) buffer.resize(groups * kTableSize);
  for (std::size_t g = 0; g < groups; ++g) {
    double* table = buffer.data() + g * kTableSize;
    table[0] = 0;
    for (int b = 1; b < kTableSize; ++b) {
      const int k = __builtin_ctz(static_cast<unsigned>(b));
      const std::size_t i = g * kGroup + static_cast<std::size_t>(k);
      table[b] = table[b & (b - 1)] + (i < d.size() ? d[i] : 0.0);
    }
  }
  return buffer.data();
}

}  // namespace

PermutationResult PairedSignFlipTest(const std::vector<double>& diffs,
                                     const PermutationOptions& options) {
  PermutationResult result;
  std::vector<double> nonzero;
  nonzero.reserve(diffs.size());
  double total = 0;
  double total_abs = 0;
  for (double d : diffs) {
    if (std::isnan(d)) continue;
    ++result.n;
    total += d;
    total_abs += std::fabs(d);
    if (d != 0) nonzero.push_back(d);
  }
  if (result.n == 0) {
    result.statistic = std::numeric_limits<double>::quiet_NaN();
    result.p_value = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  result.statistic = total / result.n;

  // Flipping the set F of differences turns the sum into total - 2 * sum_F(d), so the
  // permuted mean is >= the observed one exactly when sum_F(d) <= 0. Counting those
  // subsets is the whole test; `slack` absorbs summation-order rounding.
  const double slack = 1e-10 * total_abs;
  const int m = static_cast<int>(nonzero.size());
  // Padded to a multiple of 8 groups so that each 64-bit generator word feeds 8 tables.
  const std::size_t groups = (nonzero.size() + kGroup - 1) / kGroup;
  const std::size_t words = (groups + 7) / 8;
  const double* tables = BuildTables(nonzero, words * 8);

  const int exact_limit = std::min(options.exact_up_to_n, kMaxExact);
  if (m <= exact_limit) {
    const std::uint64_t patterns = std::uint64_t{1} << m;
    std::uint64_t count = 0;
    for (std::uint64_t mask = 0; mask < patterns; ++mask) {
      double flipped = 0;
      for (std::size_t g = 0; g < groups; ++g) {
        flipped += tables[g * kTableSize + ((mask >> (kGroup * g)) & 0xff)];
      }
      count += flipped <= slack ? 1 : 0;
    }
    result.exact = true;
    result.iterations = static_cast<int>(patterns);
    result.p_value = static_cast<double>(count) / static_cast<double>(patterns);
    return result;
  }

  const int draws = std::max(options.iterations, 1);
  // Eight accumulators, one per byte of the word, break the floating-point add dependency
  // chain that would otherwise bound the loop.
  Rng rng(options.seed);
  std::int64_t count = 0;
  for (int draw = 0; draw < draws; ++draw) {
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    const double* table = tables;
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t bits = rng.NextU64();
      for (int k = 0; k < 8; ++k) {
        acc[k] += table[k * kTableSize + ((bits >> (8 * k)) & 0xff)];
      }
      table += 8 * kTableSize;
    }
    const double flipped = ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
                           ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    count += flipped <= slack ? 1 : 0;
  }
  result.exact = false;
  result.iterations = draws;
  result.p_value = static_cast<double>(1 + count) / static_cast<double>(draws + 1);
  return result;
}

}  // namespace kinship
