// The all-pairs matrix of one prepared signal: PerPrompt for every pair of panel models, in
// parallel over pairs, stored as float (4 bytes per value: 200 models x 800 prompts is 64 MB
// for a symmetric signal). Symmetric signals store unordered pairs a < b; directed signals
// store every ordered pair a != b. Results do not depend on the thread count.
//
// Fast path: when the prepared signal also implements AllPairsKernel (the lexical signals
// do), the matrix is computed one prompt at a time for all pairs, so the answers to that
// prompt stay in cache while every pair reads them; blocks of kPromptBlock prompts are dealt
// to the threads and written out as whole cache lines per pair (no false sharing). The values
// are the same as PerPrompt's.
#pragma once

#include <cstddef>
#include <vector>

#include "harness/signals/signal.h"

namespace kinship {

struct SignalMatrix {
  std::size_t models = 0;
  std::size_t prompts = 0;
  bool directed = false;
  std::vector<float> per_prompt;  // pair-major: [PairSlot(a, b) * prompts + p]

  std::size_t PairSlot(std::size_t a, std::size_t b) const;
  float At(std::size_t a, std::size_t b, std::size_t prompt) const {
    return per_prompt[PairSlot(a, b) * prompts + prompt];
  }
};

// Optional second interface of a symmetric PreparedSignal: the values of every unordered pair
// at one prompt. Implementations must be thread-safe for concurrent calls.
class AllPairsKernel {
 public:
  virtual ~AllPairsKernel() = default;
  // Writes static_cast<float>(PerPrompt(a, b)[prompt]) to out[UnorderedPairIndex(a, b) *
  // stride] for every pair a < b of the panel's models.
  virtual void AllPairsAtPrompt(std::size_t prompt, float* out, std::size_t stride) const = 0;
};

// Index of the unordered pair a < b among models*(models-1)/2, row by row (0,1), (0,2), ...
inline std::size_t UnorderedPairIndex(std::size_t a, std::size_t b, std::size_t models) {
  return a * (2 * models - a - 1) / 2 + (b - a - 1);
}

// threads == 0: hardware concurrency.
SignalMatrix ComputeSignalMatrix(const PreparedSignal& signal, std::size_t models,
                                 std::size_t prompts, bool directed, unsigned threads = 0);

}  // namespace kinship
