// Word n-gram keys over hashed word tokens (SignalPanel::word_hashes), shared by the lexical
// signal, the mannerisms and the spectrum kernel so that one n-gram has one key everywhere.
// The key of words w_i..w_{i+n-1} chains MixHash from a per-length tag, so a unigram never
// shares a key with a bigram. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kinship {

// Appends the keys of every n-gram with min_n <= n <= max_n, in text order (duplicates kept).
void AppendWordNgramKeys(const std::vector<std::uint64_t>& words, int min_n, int max_n,
                         std::vector<std::uint64_t>* out);

// The key of one n-gram given its word hashes.
std::uint64_t WordNgramKey(const std::uint64_t* words, int n);

// For evidence: maps each n-gram key (1 <= n <= max_n) of `text` to its words joined by
// spaces (the case-folded tokens), adding only keys present in `wanted` (sorted).
void CollectNgramText(const std::string& text, int max_n, const std::vector<std::uint64_t>& wanted,
                      std::vector<std::pair<std::uint64_t, std::string>>* out);

}  // namespace kinship
