#include "harness/analysis/builtin_measures.h"

#include <algorithm>
#include <cstdint>

#include "harness/analysis/sorted_features.h"
#include "harness/analysis/text_tokenizer.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/hash.h"

namespace kinship {

namespace {

// Domain tags keep a unigram from ever sharing a key with a bigram.
constexpr std::uint64_t kUnigramTag = 1;
constexpr std::uint64_t kBigramTag = 2;

// Both kernel measures also declare their kernel (sorted_features.h), which lets the panel
// analysis run them prompt by prompt with rank kernels.
class WordNgramJaccard final : public SimilarityMeasure, public SortedKernelMeasure {
 public:
  std::string_view Name() const override { return "word-ngram-jaccard"; }
  std::string_view Summary() const override {
    return "set Jaccard over hashed word 1- and 2-grams (lexical overlap, order-light)";
  }
  AnswerFeatures Features(std::string_view answer) const override {
    std::vector<std::uint64_t> items;
    items.reserve(answer.size() / 2 + 8);  // <= 2 items per token, a token per >= 2 bytes
    std::uint64_t previous = 0;
    bool first = true;
    ForEachWordToken(answer, [&](std::string_view word) {
      const std::uint64_t h = StableHash64(word);
      items.push_back(MixHash(kUnigramTag, h));
      if (!first) items.push_back(MixHash(MixHash(kBigramTag, previous), h));
      previous = h;
      first = false;
    });
    return MakeFeatureSet(std::move(items));
  }
  SortedKernel Kernel() const override { return SortedKernel::kSetJaccard; }
  double Similarity(const AnswerFeatures& a, const AnswerFeatures& b) const override {
    return SetJaccard(a, b);
  }
};

class CharTrigramCosine final : public SimilarityMeasure, public SortedKernelMeasure {
 public:
  std::string_view Name() const override { return "char-3gram-cosine"; }
  std::string_view Summary() const override {
    return "TF cosine over character 3-grams of the case-folded text (spelling and style)";
  }
  AnswerFeatures Features(std::string_view answer) const override {
    const std::u32string folded = FoldedCodePoints(answer);
    if (folded.empty()) return {};
    // One space of padding on each side, so that answers of one or two characters still
    // have grams and word edges count.
    std::u32string padded;
    padded.reserve(folded.size() + 2);
    padded.push_back(U' ');
    padded += folded;
    padded.push_back(U' ');
    std::vector<std::uint64_t> items;
    items.reserve(padded.size() - 2);
    for (std::size_t i = 0; i + 2 < padded.size(); ++i) {
      // Code points fit in 21 bits, so three of them pack into a key exactly: no collisions.
      items.push_back((static_cast<std::uint64_t>(padded[i]) << 42) |
                      (static_cast<std::uint64_t>(padded[i + 1]) << 21) |
                      static_cast<std::uint64_t>(padded[i + 2]));
    }
    return MakeFeatureBag(std::move(items));
  }
  double Similarity(const AnswerFeatures& a, const AnswerFeatures& b) const override {
    return BagCosine(a, b);
  }
  SortedKernel Kernel() const override { return SortedKernel::kBagCosine; }
};

class FirstWords final : public SimilarityMeasure {
 public:
  static constexpr std::size_t kWords = 5;
  std::string_view Name() const override { return "first-words"; }
  std::string_view Summary() const override {
    return "share of the first 5 word tokens that agree position by position (openings)";
  }
  AnswerFeatures Features(std::string_view answer) const override {
    AnswerFeatures features;  // keys in answer order, not sorted: position matters here
    // Tokenises the whole answer (the callback cannot stop early) but hashes only 5 tokens.
    ForEachWordToken(answer, [&features](std::string_view word) {
      if (features.keys.size() < kWords) features.keys.push_back(StableHash64(word));
    });
    features.norm = static_cast<double>(features.keys.size());
    return features;
  }
  double Similarity(const AnswerFeatures& a, const AnswerFeatures& b) const override {
    const std::size_t longer = std::max(a.keys.size(), b.keys.size());
    if (longer == 0) return 1.0;
    const std::size_t shorter = std::min(a.keys.size(), b.keys.size());
    std::size_t agree = 0;
    for (std::size_t i = 0; i < shorter; ++i) agree += a.keys[i] == b.keys[i];
    return static_cast<double>(agree) / static_cast<double>(longer);
  }
};

std::vector<std::string> Names() {
  std::vector<std::string> names;
  for (const SimilarityMeasure* measure : BuiltinMeasures()) {
    names.emplace_back(measure->Name());
  }
  return names;
}

}  // namespace

const std::vector<const SimilarityMeasure*>& BuiltinMeasures() {
  static const WordNgramJaccard word_ngram_jaccard;
  static const CharTrigramCosine char_3gram_cosine;
  static const FirstWords first_words;
  static const std::vector<const SimilarityMeasure*> table = {
      &word_ngram_jaccard, &char_3gram_cosine, &first_words};
  return table;
}

const SimilarityMeasure* FindMeasure(std::string_view name) {
  for (const SimilarityMeasure* measure : BuiltinMeasures()) {
    if (measure->Name() == name) return measure;
  }
  return nullptr;
}

const SimilarityMeasure& MeasureByName(std::string_view name, std::string_view field) {
  if (const SimilarityMeasure* measure = FindMeasure(name)) return *measure;
  throw ConfigError(SourceLocation{}, std::string(field),
                    "unknown similarity measure '" + std::string(name) + "'" +
                        DidYouMean(name, Names()));
}

std::vector<const SimilarityMeasure*> MeasuresByName(const std::vector<std::string>& names,
                                                     std::string_view field) {
  if (names.empty()) return BuiltinMeasures();
  std::vector<const SimilarityMeasure*> measures;
  for (const std::string& name : names) measures.push_back(&MeasureByName(name, field));
  return measures;
}

}  // namespace kinship
