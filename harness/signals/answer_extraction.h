// Answer normalisation and extraction for the agreement and CAPA signals: what "the same
// answer" means for free text, and which answer a reply gives to an answer-keyed prompt.
// Pure functions over UTF-8; thread-safe; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kinship {

// Every function first folds compatibility forms: NFKC ("H₂O" = "H2O", full-width digits
// and letters = ASCII) and decimal digits of any script to ASCII digits ("٧" = "7"), since
// replies in Chinese, Japanese or Arabic write answers that way and references are ASCII.

// The word tokens of `text` (Unicode tokenizer: case-folded, punctuation and spacing dropped)
// joined by single spaces.
std::string NormalizeAnswer(std::string_view text);

// NormalizeAnswer of the text up to the first sentence end (. ! ? 。 ！ ？ or a line break
// after some text).
std::string FirstSentence(std::string_view text);

// How a reference answer is checked.
enum class AnswerKind {
  kOption,  // a single option letter A-J ("B", "(B)", "B)")
  kNumber,  // a number ("42", "-3.5", "1,000")
  kPhrase,  // anything else: a short phrase
};

AnswerKind ClassifyReference(std::string_view reference);

// The canonical form of a reference: the upper-case letter, the number without grouping
// commas or trailing zeros ("1,000.50" -> "1000.5"), or the normalised phrase.
std::string CanonicalReference(std::string_view reference);

// The answer `reply` gives, in the canonical form of the reference's kind:
//   option: the letter after "answer is"/"answer:" when present, else the first stand-alone
//           capital A-J ("(B)", "**C**", "D." ...);
//   number: the last number in the reply (worked solutions end with the result);
//   phrase: the canonical reference when the reply contains it as a whole-word phrase,
//           otherwise the reply's normalised first sentence.
// nullopt when nothing of the kind is found (an option/number reply without one).
std::optional<std::string> ExtractAnswer(std::string_view reply, std::string_view reference);

// Number of answer options assumed for chance agreement between two wrong answers:
// max(4, letter position) for option references, 0 (unbounded: wrong answers coincide by
// chance with probability ~0) otherwise.
int OptionCount(std::string_view reference);

}  // namespace kinship
