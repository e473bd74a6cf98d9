#include "harness/signals/signal_matrix.h"

#include <algorithm>

#include "harness/signals/parallel_for.h"

namespace kinship {

std::size_t SignalMatrix::PairSlot(std::size_t a, std::size_t b) const {
  if (directed) return a * (models - 1) + (b < a ? b : b - 1);
  if (a > b) std::swap(a, b);
  // Row a holds pairs (a, a+1 .. models-1); rows before it hold sum_{i<a} (models-1-i).
  return a * (2 * models - a - 1) / 2 + (b - a - 1);
}

SignalMatrix ComputeSignalMatrix(const PreparedSignal& signal, std::size_t models,
                                 std::size_t prompts, bool directed, unsigned threads) {
  SignalMatrix matrix;
  matrix.models = models;
  matrix.prompts = prompts;
  matrix.directed = directed;
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
