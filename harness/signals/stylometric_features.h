// Stylometric features of one answer (research §4.2 P0.3; Sun et al., McGovern et al.):
// a sparse vector in a hashed space of 2^18 dimensions made of three blocks, each scaled to
// unit L2 norm so that no block dominates by its size:
//   * character 3-5-grams of the case-folded text (whitespace collapsed), sublinear TF;
//   * word 1-2-grams, sublinear TF times an IDF supplied by the caller (label-free, so it may
//     be fitted on every answer without breaking cross-fitting);
//   * layout and length: markdown headings, bullet and numbered list lines, bold, italics,
//     code fences, inline code, tables, emoji, lines, paragraphs, characters, words, mean
//     word length, punctuation rates, and the first word (hashed one-hot).
// Pure functions; thread-safe; never throw.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kinship {

constexpr std::uint32_t kStyleDimensions = 1u << 18;

struct SparseVector {
  std::vector<std::uint32_t> index;  // sorted, unique, < kStyleDimensions
  std::vector<float> value;
};

// The word 1-2-gram buckets of an answer (sorted, unique), for document frequencies.
std::vector<std::uint32_t> WordGramBuckets(const std::vector<std::uint64_t>& word_hashes);

// idf_table weights the word block by bucket (kStyleDimensions entries); empty means 1.
SparseVector StylometricFeatures(std::string_view answer,
                                 const std::vector<std::uint64_t>& word_hashes,
                                 const std::vector<float>& idf_table);

}  // namespace kinship
