#include "harness/signals/signal_matrix.h"

#include <algorithm>

#include "harness/core/parallel_for.h"

namespace kinship {

namespace {

// Prompts per work item of the fast path: 16 floats are one 64-byte cache line per pair.
constexpr std::size_t kPromptBlock = 16;

void ComputeByPrompt(const AllPairsKernel& kernel, SignalMatrix* matrix, unsigned threads) {
  const std::size_t models = matrix->models;
  const std::size_t prompts = matrix->prompts;
  const std::size_t pairs = models * (models - 1) / 2;
  const std::size_t blocks = (prompts + kPromptBlock - 1) / kPromptBlock;
  ParallelFor(blocks, threads, [&](std::size_t block) {
    const std::size_t p0 = block * kPromptBlock;
    const std::size_t width = std::min(kPromptBlock, prompts - p0);
    // tile[pair * kPromptBlock + (p - p0)]: this block's values, copied out pair by pair.
    std::vector<float> tile(pairs * kPromptBlock);
    for (std::size_t p = p0; p < p0 + width; ++p) {
      kernel.AllPairsAtPrompt(p, tile.data() + (p - p0), kPromptBlock);
    }
    std::size_t pair = 0;
    for (std::size_t a = 0; a < models; ++a) {
      for (std::size_t b = a + 1; b < models; ++b, ++pair) {
        const float* values = tile.data() + pair * kPromptBlock;
        std::copy(values, values + width,
                  matrix->per_prompt.begin() +
                      static_cast<std::ptrdiff_t>(matrix->PairSlot(a, b) * prompts + p0));
        if (matrix->directed) {
          std::copy(values, values + width,
                    matrix->per_prompt.begin() +
                        static_cast<std::ptrdiff_t>(matrix->PairSlot(b, a) * prompts + p0));
        }
      }
    }
  });
}

}  // namespace

std::size_t SignalMatrix::PairSlot(std::size_t a, std::size_t b) const {
  if (directed) return a * (models - 1) + (b < a ? b : b - 1);
  if (a > b) std::swap(a, b);
  // Row a holds pairs (a, a+1 .. models-1); rows before it hold sum_{i<a} (models-1-i).
  return UnorderedPairIndex(a, b, models);
}

SignalMatrix ComputeSignalMatrix(const PreparedSignal& signal, std::size_t models,
                                 std::size_t prompts, bool directed, unsigned threads) {
  SignalMatrix matrix;
  matrix.models = models;
  matrix.prompts = prompts;
  matrix.directed = directed;
  if (const auto* kernel = dynamic_cast<const AllPairsKernel*>(&signal);
      kernel != nullptr && models >= 2) {
    matrix.per_prompt.resize((directed ? models * (models - 1) : models * (models - 1) / 2) *
                             prompts);
    ComputeByPrompt(*kernel, &matrix, threads);
    return matrix;
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t a = 0; a < models; ++a) {
    for (std::size_t b = directed ? 0 : a + 1; b < models; ++b) {
      if (a != b) pairs.emplace_back(a, b);
    }
  }
  matrix.per_prompt.resize(pairs.size() * prompts);
  ParallelFor(pairs.size(), threads, [&](std::size_t i) {
    const auto [a, b] = pairs[i];
    const std::vector<double> values = signal.PerPrompt(static_cast<int>(a), static_cast<int>(b));
    float* out = &matrix.per_prompt[matrix.PairSlot(a, b) * prompts];
    for (std::size_t p = 0; p < prompts; ++p) out[p] = static_cast<float>(values[p]);
  });
  return matrix;
}

}  // namespace kinship
