#include "harness/signals/ngram_prompt_block.h"

#include <atomic>

#include "harness/signals/word_ngrams.h"

namespace kinship {

namespace {
std::atomic<unsigned> build_threads{0};
}  // namespace

NgramPromptBlock BuildNgramPromptBlock(const SignalPanel& panel, std::size_t p) {
  const std::size_t models = panel.Models();
  NgramPromptBlock block;
  block.model_begin.assign(1, 0);
  // (key << 32 | sample number) for every n-gram of every sample of the prompt: one radix
  // sort of these finds each sample's distinct keys and the keys samples share.
  std::vector<std::uint64_t> key_items;
  std::vector<std::uint64_t> scratch;
  std::size_t items = 0;
  std::size_t grams = 0;
  for (std::size_t m = 0; m < models; ++m) {
    for (const auto& words : panel.word_hashes[panel.answers.AnswerIndex(m, p)]) {
      grams += 3 * words.size();
    }
  }
  key_items.reserve(grams);
  for (std::size_t m = 0; m < models; ++m) {
    const auto& samples = panel.word_hashes[panel.answers.AnswerIndex(m, p)];
    for (const std::vector<std::uint64_t>& words : samples) {
      const std::uint64_t item = items++;
      for (int n = 1; n <= 3; ++n) {
        for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= words.size(); ++i) {
          // The upper 32 bits of the shared 64-bit n-gram key (word_ngrams.h).
          const std::uint64_t key = WordNgramKey(words.data() + i, n) >> 32;
          key_items.push_back((key << 32) | item);
        }
      }
    }
    block.model_begin.push_back(static_cast<std::uint32_t>(items));
  }
  RankSharedKeys32(items, &key_items, &scratch, &block.ranks);
  return block;
}

void SetNgramBuildThreads(unsigned threads) { build_threads = threads; }

unsigned NgramBuildThreads() { return build_threads.load(); }

std::optional<std::string> NoOkAnswers(const SignalPanel& panel) {
  for (const auto& samples : panel.answers.answers) {
    if (!samples.empty()) return std::nullopt;
  }
  return "no ok answers in the panel";
}

}  // namespace kinship
