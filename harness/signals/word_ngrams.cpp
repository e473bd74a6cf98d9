#include "harness/signals/word_ngrams.h"

#include <algorithm>

#include "harness/analysis/text_tokenizer.h"
#include "harness/core/hash.h"

namespace kinship {

std::uint64_t WordNgramKey(const std::uint64_t* words, int n) {
  std::uint64_t key = MixHash(0x6e6772616dULL + static_cast<std::uint64_t>(n), words[0]);
  for (int j = 1; j < n; ++j) key = MixHash(key, words[j]);
  return key;
}

void AppendWordNgramKeys(const std::vector<std::uint64_t>& words, int min_n, int max_n,
                         std::vector<std::uint64_t>* out) {
  for (int n = min_n; n <= max_n; ++n) {
    for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= words.size(); ++i) {
      out->push_back(WordNgramKey(words.data() + i, n));
    }
  }
}

void CollectNgramText(const std::string& text, int max_n, const std::vector<std::uint64_t>& wanted,
                      std::vector<std::pair<std::uint64_t, std::string>>* out) {
  const std::vector<std::string> tokens = TokenizeWords(text);
  std::vector<std::uint64_t> hashes;
  for (const std::string& token : tokens) hashes.push_back(StableHash64(token));
  for (int n = 1; n <= max_n; ++n) {
    for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= hashes.size(); ++i) {
      const std::uint64_t key = WordNgramKey(hashes.data() + i, n);
      if (!std::binary_search(wanted.begin(), wanted.end(), key)) continue;
      std::string phrase = tokens[i];
      for (int j = 1; j < n; ++j) phrase += " " + tokens[i + static_cast<std::size_t>(j)];
      out->emplace_back(key, std::move(phrase));
    }
  }
}

}  // namespace kinship
