// Unicode-aware text normalisation for the similarity measures: word tokens and case-folded
// code points over UTF-8. Pure functions of their input; thread-safe; never throw. Invalid
// UTF-8 bytes decode as U+FFFD (see harness/core/utf8.h) and act as separators, so hostile
// or truncated model output tokenises without error.
//
// Word rules (the same for every script, so outputs in different languages compare fairly):
//   * Letters of alphabetic scripts (Latin, Cyrillic incl. Kazakh, Greek, Arabic, Hebrew,
//     Devanagari, ...) form words, case-folded (simple folding, code point by code point).
//     Combining marks stay inside their word, except Arabic harakat, which are dropped, as is
//     the Arabic tatweel: vocalised and plain spellings of a word must compare equal.
//   * Each Han, Hiragana, Katakana or Hangul character is a token of its own: these scripts
//     do not separate words with spaces, and a dictionary segmenter would tie the analysis to
//     one dictionary version.
//   * A run of decimal digits (any script) is one token; letters and digits split ("gpt4" ->
//     "gpt", "4").
//   * An apostrophe (' or U+2019, stored as ') between two letters stays in the word
//     ("don't"); elsewhere it separates.
//   * Format characters (ZWJ, ZWNJ, soft hyphen) inside a word are dropped without splitting.
//   * Everything else (spaces, punctuation, symbols, controls) separates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kinship {

// Replaces the contents of *tokens with the word tokens of `text`, UTF-8 encoded.
void TokenizeWords(std::string_view text, std::vector<std::string>* tokens);

// Convenience form of the above.
std::vector<std::string> TokenizeWords(std::string_view text);

// The text as case-folded code points with every run of white space collapsed to one
// U+0020 and leading/trailing white space removed; the input of the character n-gram
// measures, so that re-wrapping or re-indenting an answer does not change it.
std::u32string FoldedCodePoints(std::string_view text);

}  // namespace kinship
