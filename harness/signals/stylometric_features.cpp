#include "harness/signals/stylometric_features.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "harness/analysis/text_tokenizer.h"
#include "harness/core/hash.h"

namespace kinship {

namespace {

// Disjoint ranges, so blocks never collide with each other.
constexpr std::uint32_t kLayoutBegin = 0;
constexpr std::uint32_t kLayoutSize = 64;
constexpr std::uint32_t kCharBegin = kLayoutSize;
constexpr std::uint32_t kCharSize = (kStyleDimensions / 2) - kLayoutSize;
constexpr std::uint32_t kWordBegin = kStyleDimensions / 2;
constexpr std::uint32_t kWordSize = kStyleDimensions / 2;

std::uint32_t WordBucket(std::uint64_t key) {
  return kWordBegin + static_cast<std::uint32_t>(key % kWordSize);
}

// (bucket, count) of a list of buckets, in increasing bucket order: the buckets are sorted
// and each run becomes one entry (a std::map per answer did the same at several times the
// cost, in allocations).
using Block = std::vector<std::pair<std::uint32_t, double>>;
void CountBuckets(std::vector<std::uint32_t>* buckets, Block* out) {
  std::sort(buckets->begin(), buckets->end());
  out->clear();
  for (std::size_t i = 0; i < buckets->size();) {
    std::size_t j = i + 1;
    while (j < buckets->size() && (*buckets)[j] == (*buckets)[i]) ++j;
    out->emplace_back((*buckets)[i], static_cast<double>(j - i));
    i = j;
  }
}

// Appends a block (bucket -> raw weight, increasing buckets) scaled to unit norm. The blocks
// occupy disjoint bucket ranges and are appended in range order, so `out` stays sorted.
void AddBlock(const Block& block, SparseVector* out) {
  double norm = 0;
  for (const auto& [bucket, weight] : block) norm += weight * weight;
  if (norm <= 0) return;
  norm = std::sqrt(norm);
  const double scale = 1.0 / std::sqrt(3.0);  // three unit blocks -> unit vector
  for (const auto& [bucket, weight] : block) {
    out->index.push_back(bucket);
    out->value.push_back(static_cast<float>(weight / norm * scale));
  }
}

bool StartsWith(std::string_view line, std::string_view prefix) {
  return line.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::vector<std::uint32_t> WordGramBuckets(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint32_t> buckets;
  for (std::size_t i = 0; i < words.size(); ++i) {
    buckets.push_back(WordBucket(MixHash(1, words[i])));
    if (i > 0) buckets.push_back(WordBucket(MixHash(MixHash(2, words[i - 1]), words[i])));
  }
  if (!words.empty()) buckets.push_back(WordBucket(MixHash(3, words[0])));  // first word
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  return buckets;
}

SparseVector StylometricFeatures(std::string_view answer,
                                 const std::vector<std::uint64_t>& words,
                                 const std::vector<float>& idf_table) {
  // Character 3-5-grams.
  std::vector<std::uint32_t> buckets;
  Block chars;
  const std::u32string folded = FoldedCodePoints(answer);
  buckets.reserve(3 * folded.size());
  for (std::size_t n = 3; n <= 5; ++n) {
    for (std::size_t i = 0; i + n <= folded.size(); ++i) {
      std::uint64_t h = n;
      for (std::size_t j = 0; j < n; ++j) h = MixHash(h, folded[i + j]);
      buckets.push_back(kCharBegin + static_cast<std::uint32_t>(h % kCharSize));
    }
  }
  CountBuckets(&buckets, &chars);
  for (auto& [bucket, count] : chars) count = 1 + std::log(count);

  // Word 1-2-grams and the first word, TF-IDF.
  buckets.clear();
  Block grams;
  for (std::size_t i = 0; i < words.size(); ++i) {
    buckets.push_back(WordBucket(MixHash(1, words[i])));
    if (i > 0) buckets.push_back(WordBucket(MixHash(MixHash(2, words[i - 1]), words[i])));
  }
  if (!words.empty()) buckets.push_back(WordBucket(MixHash(3, words[0])));
  CountBuckets(&buckets, &grams);
  for (auto& [bucket, count] : grams) {
    count = (1 + std::log(count)) * (idf_table.empty() ? 1.0 : idf_table[bucket]);
  }

  // Layout, markdown, length and punctuation.
  double layout[kLayoutSize] = {};
  std::size_t lines = 0;
  std::size_t paragraphs = 0;
  bool in_paragraph = false;
  std::size_t start = 0;
  while (start <= answer.size()) {
    std::size_t end = answer.find('\n', start);
    if (end == std::string_view::npos) end = answer.size();
    std::string_view line = answer.substr(start, end - start);
    const std::size_t indent = line.find_first_not_of(" \t");
    line = indent == std::string_view::npos ? std::string_view() : line.substr(indent);
    if (!line.empty()) {
      ++lines;
      if (!in_paragraph) ++paragraphs;
      in_paragraph = true;
      if (StartsWith(line, "#")) layout[0] += 1;
      if (StartsWith(line, "- ") || StartsWith(line, "* ") || StartsWith(line, "+ ") ||
          StartsWith(line, "\xE2\x80\xA2")) {
        layout[1] += 1;
      }
      const std::size_t digits = line.find_first_not_of("0123456789");
      if (digits > 0 && digits != std::string_view::npos &&
          (line[digits] == '.' || line[digits] == ')')) {
        layout[2] += 1;
      }
      if (StartsWith(line, "```")) layout[5] += 1;
      if (StartsWith(line, "|")) layout[7] += 1;
      if (StartsWith(line, ">")) layout[8] += 1;
    } else {
      in_paragraph = false;
    }
    start = end + 1;
  }
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < answer.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(answer[i]);
    if ((c & 0xC0) != 0x80) ++code_points;
    if (answer.compare(i, 2, "**") == 0) {
      layout[3] += 0.5;  // a pair of ** marks one bold span
      ++i;
      continue;
    }
    if (c == '*' || c == '_') layout[4] += 0.5;
    if (c == '`') layout[6] += 1;
    if (c == 0xF0) layout[9] += 1;  // 4-byte UTF-8: emoji and other astral symbols
    const char* punctuation = ",.!?:;\"'()-";
    for (int k = 0; punctuation[k] != 0; ++k) {
      if (static_cast<char>(c) == punctuation[k]) layout[20 + k] += 1;
    }
  }
  layout[10] = static_cast<double>(lines);
  layout[11] = static_cast<double>(paragraphs);
  layout[12] = static_cast<double>(code_points);
  layout[13] = static_cast<double>(words.size());
  // Slots 0-13 (counts, log-scaled), 14 (mean word length) and 20-31 (punctuation per 100
  // code points), in slot order.
  Block dense;
  for (std::uint32_t k = 0; k < 32; ++k) {
    if (k < 20 && k != 14) {
      if (layout[k] > 0) dense.emplace_back(kLayoutBegin + k, std::log1p(layout[k]));
    } else if (code_points > 0 && k == 14) {
      dense.emplace_back(kLayoutBegin + k, static_cast<double>(code_points) /
                                               static_cast<double>(std::max<std::size_t>(1, words.size())) /
                                               10.0);
    } else if (code_points > 0 && k >= 20 && layout[k] > 0) {
      dense.emplace_back(kLayoutBegin + k, 100.0 * layout[k] / static_cast<double>(code_points));
    }
  }

  SparseVector out;
  out.index.reserve(dense.size() + chars.size() + grams.size());
  out.value.reserve(dense.size() + chars.size() + grams.size());
  AddBlock(dense, &out);  // buckets [0, 64)
  AddBlock(chars, &out);  // [64, 2^17)
  AddBlock(grams, &out);  // [2^17, 2^18)
  return out;
}

}  // namespace kinship
