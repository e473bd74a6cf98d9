// The per-prompt n-gram index shared by the word n-gram signals (lexical_signals.h,
// word_ngram_idf_signal.h): the word 1-3-gram keys of every sample of every model at one
// prompt, re-keyed to dense ranks. Pure functions over the panel; thread-safe; never throw
// except std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/analysis/sorted_features.h"
#include "harness/signals/lexical_signals.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

// The n-gram sets of every sample of every model at one prompt, re-keyed by RankSharedKeys32
// (sorted_features.h): keys only one sample holds are dropped from the lists (they cannot be
// common) and the rest become dense ranks, so the all-pairs kernel marks one sample's ranks
// in a byte array and probes it with the other's. Samples are stored model by model: model
// m's are items model_begin[m] .. model_begin[m + 1].
struct NgramPromptBlock {
  SharedKeyRanks ranks;
  std::vector<std::uint32_t> model_begin;  // models + 1 item offsets
};

// Builds the block of prompt p of the panel.
NgramPromptBlock BuildNgramPromptBlock(const SignalPanel& panel, std::size_t p);

// Mean over the sample pairs of models a and b at one prompt of sim(x, y), x and y item numbers.
template <typename Sim>
double MeanOverBlockPairs(const NgramPromptBlock& block, int a, int b, Sim sim) {
  const std::size_t a0 = block.model_begin[static_cast<std::size_t>(a)];
  const std::size_t b0 = block.model_begin[static_cast<std::size_t>(b)];
  return MeanOverSamplePairs(block.model_begin[static_cast<std::size_t>(a) + 1] - a0,
                             block.model_begin[static_cast<std::size_t>(b) + 1] - b0,
                             [&](std::size_t i, std::size_t j) { return sim(a0 + i, b0 + j); });
}

// Threads the n-gram signals build their blocks on (0 = hardware concurrency; benchmarks set
// it through WordNgramSignal::SetBuildThreads).
void SetNgramBuildThreads(unsigned threads);
unsigned NgramBuildThreads();

// "no ok answers in the panel" when no model answered anything, else nullopt: the
// Unavailable() of every n-gram signal.
std::optional<std::string> NoOkAnswers(const SignalPanel& panel);

}  // namespace kinship
