// The lexical signals (research §4.2 P0.1): word 1-3-gram overlap and the first-k-tokens
// channel. Both read SignalPanel::word_hashes (Unicode-aware tokens: Kazakh, Russian, Arabic
// words; each Han/kana/Hangul character a token).
//
//   word-ngram-1-3  set Jaccard of the answers' word 1-, 2- and 3-grams. Keys are the upper
//                   32 bits of the 64-bit n-gram hash: half the memory and merge traffic, and
//                   a chance collision between two ~750-gram answers is ~1e-4 per pair, far
//                   below the resolution of any test.
//   (word-ngram-idf, the IDF-weighted variant, is in word_ngram_idf_signal.h.)
//   first-k         (k = 1, 5, 20) share of the first k word positions where the two answers
//                   have the same token; the denominator is min(k, longer answer), so two
//                   short identical answers agree fully. Two empty answers agree (1).
//
// These run on every pair of a 200-model panel (issue 4: 200 models x 800 prompts within 60 s
// and 4 GiB on 2 cores). Prepare() works prompt by prompt, in parallel: one radix sort of all
// the prompt's (n-gram key, sample) pairs gives each sample's distinct keys, and keys that
// only one sample holds are dropped (they can never be common; the set sizes keep them);
// the rest become dense per-prompt ranks. Both prepared signals also implement
// AllPairsKernel (signal_matrix.h): ComputeSignalMatrix then computes a prompt for all pairs
// at once, marking one sample's ranks in a byte array and probing it with every later
// model's samples, with the exact values of PerPrompt (Jaccard counts are integers).
// PerPrompt alone (the few pairs of a provenance query) is a branch-light merge of ranks.
// Exact by design: at 200 x 800 the pair kernel is ~a quarter of the CPU time, so a MinHash
// sketch (standard error sqrt(J(1-J)/k), 0.04 at J = 0.3, k = 128) would buy little speed
// for a lot of per-prompt noise. Symmetric.
#pragma once

#include <cstddef>
#include <limits>

#include "harness/signals/signal.h"

namespace kinship {

class WordNgramSignal final : public Signal {
 public:
  std::string_view Name() const override { return "word-ngram-1-3"; }
  std::string_view Summary() const override {
    return "set Jaccard of word 1-3-grams per prompt (lexical overlap)";
  }
  bool Directed() const override { return false; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;
  // Threads used to build features (0 = hardware concurrency); benchmarks set it.
  static void SetBuildThreads(unsigned threads);
};

class FirstTokensSignal final : public Signal {
 public:
  explicit FirstTokensSignal(int k);
  std::string_view Name() const override { return name_; }
  std::string_view Summary() const override { return summary_; }
  bool Directed() const override { return false; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;

 private:
  int k_;
  std::string name_;
  std::string summary_;
};

// Mean over sample cross pairs: the per-prompt aggregation every sampled signal uses.
// sim(i, j) is called for i < count_a, j < count_b; NaN when either count is 0.
template <typename Sim>
double MeanOverSamplePairs(std::size_t count_a, std::size_t count_b, Sim sim) {
  if (count_a == 0 || count_b == 0) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t i = 0; i < count_a; ++i) {
    for (std::size_t j = 0; j < count_b; ++j) sum += sim(i, j);
  }
  return sum / static_cast<double>(count_a * count_b);
}

}  // namespace kinship
