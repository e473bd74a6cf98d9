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
#include <type_traits>
#include <vector>

namespace kinship {

// Replaces the contents of *tokens with the word tokens of `text`, UTF-8 encoded.
void TokenizeWords(std::string_view text, std::vector<std::string>* tokens);

// Convenience form of the above.
std::vector<std::string> TokenizeWords(std::string_view text);

// Allocation-free form for hot paths (hashing every token of a 250 MB panel): calls
// sink(context, token) for each word token of `text`, in order, with exactly the tokens
// TokenizeWords returns. `token` points into a buffer reused for the next token, so it is
// valid only during the call. An exception thrown by the sink propagates.
using WordTokenSink = void (*)(void* context, std::string_view token);
void ForEachWordToken(std::string_view text, void* context, WordTokenSink sink);

// Lambda form: on_token(std::string_view) per token.
template <typename OnToken>
void ForEachWordToken(std::string_view text, OnToken&& on_token) {
  using Callable = std::remove_reference_t<OnToken>;
  ForEachWordToken(text, const_cast<void*>(static_cast<const void*>(&on_token)),
                   [](void* context, std::string_view token) {
                     (*static_cast<Callable*>(context))(token);
                   });
}

// The text as case-folded code points with every run of white space collapsed to one
// U+0020 and leading/trailing white space removed; the input of the character n-gram
// measures, so that re-wrapping or re-indenting an answer does not change it.
std::u32string FoldedCodePoints(std::string_view text);

}  // namespace kinship
