// The all-pairs matrix of one prepared signal: PerPrompt for every pair of panel models, in
// parallel over pairs, stored as float (4 bytes per value: 200 models x 800 prompts is 64 MB
// for a symmetric signal). Symmetric signals store unordered pairs a < b; directed signals
// store every ordered pair a != b. Results do not depend on the thread count.
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

// threads == 0: hardware concurrency.
SignalMatrix ComputeSignalMatrix(const PreparedSignal& signal, std::size_t models,
                                 std::size_t prompts, bool directed, unsigned threads = 0);

}  // namespace kinship
