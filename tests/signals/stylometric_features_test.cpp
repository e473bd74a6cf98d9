#include "harness/signals/stylometric_features.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "harness/analysis/text_tokenizer.h"
#include "harness/core/hash.h"

namespace kinship {
namespace {

std::vector<std::uint64_t> WordHashes(std::string_view text) {
  std::vector<std::uint64_t> out;
  for (const auto& token : TokenizeWords(text)) out.push_back(StableHash64(token));
  return out;
}

SparseVector FeaturesOf(std::string_view text, const std::vector<float>& idf = {}) {
  return StylometricFeatures(text, WordHashes(text), idf);
}

// A digest of every (index, float bits) of a vector: the features the calibration map and
// the benchmark figures were measured with, pinned so that a faster build of the same
// features cannot drift from them unnoticed.
std::uint64_t Digest(const SparseVector& v) {
  std::uint64_t h = v.index.size();
  for (std::size_t n = 0; n < v.index.size(); ++n) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &v.value[n], sizeof bits);
    h = MixHash(MixHash(h, v.index[n]), bits);
  }
  return h;
}

const char* const kMarkdown =
    "# Plan\n\nSure! Here's a **short** plan:\n\n1. Read the *brief*.\n2. Write `code`.\n"
    "- check it\n- ship it \xF0\x9F\x9A\x80\n\n| a | b |\n> quoted, (really) \"yes\"; ok?\n";
const char* const kMixedScripts =
    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80! "  // Привет, мир!
    "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C "                             // 你好世界
    "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 Hello hello world world world.";      // مرحبا

TEST_CASE("stylometric features: sorted unique indices, three unit blocks, a unit vector") {
  for (const char* text : {kMarkdown, kMixedScripts}) {
    const SparseVector v = FeaturesOf(text);
    REQUIRE(v.index.size() == v.value.size());
    REQUIRE_FALSE(v.index.empty());
    double norm = 0;
    for (std::size_t n = 0; n < v.index.size(); ++n) {
      if (n > 0) CHECK(v.index[n - 1] < v.index[n]);
      CHECK(v.index[n] < kStyleDimensions);
      norm += static_cast<double>(v.value[n]) * v.value[n];
    }
    CHECK(norm == Approx(1.0).epsilon(1e-5));
  }
  CHECK(FeaturesOf("").index.empty());
}

TEST_CASE("stylometric features: repeated n-grams count sublinearly, the IDF scales words") {
  // "world" three times weighs 1 + ln 3 against 1 for a word used once, before the norms.
  const SparseVector plain = FeaturesOf("alpha world world world");
  std::vector<float> idf(kStyleDimensions, 1.0f);
  for (std::uint32_t b = kStyleDimensions / 2; b < kStyleDimensions; ++b) idf[b] = 2.0f;
  const SparseVector doubled = FeaturesOf("alpha world world world", idf);
  // A uniform IDF changes nothing once the word block is scaled to unit norm.
  REQUIRE(plain.index == doubled.index);
  for (std::size_t n = 0; n < plain.value.size(); ++n) CHECK(plain.value[n] == Approx(doubled.value[n]));
}

TEST_CASE("stylometric features are pinned to the values the calibration was measured with") {
  CHECK(Digest(FeaturesOf(kMarkdown)) == 0xca930f48faddf917u);
  CHECK(Digest(FeaturesOf(kMixedScripts)) == 0x874aede65052010cu);
  std::vector<float> idf(kStyleDimensions);
  for (std::uint32_t b = 0; b < kStyleDimensions; ++b) idf[b] = 0.5f + static_cast<float>(b % 7) / 4;
  CHECK(Digest(FeaturesOf(kMarkdown, idf)) == 0xaf37226110c93482u);
}

}  // namespace
}  // namespace kinship
