// The simulated models' tokenizer: splits text into the units the n-gram models count,
// keeping formatting as tokens so that voices can learn it. Words (letters, digits,
// inner apostrophes, hyphens and decimal points; any non-ASCII byte counts as a letter),
// single punctuation marks, line breaks ("\n", and "\n\n" for a paragraph break) and
// markdown markers ("#", "##", "###" and "-", "*", "1." at the start of a line; "**"
// anywhere) are tokens. Spaces are not tokens; DetokenizeSim puts them back by rule.
//
// Pure functions, thread-safe. Never throw on any input: invalid UTF-8 is split
// byte-wise like any other non-ASCII text, so every prompt tokenizes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kinship {

inline constexpr std::string_view kSimNewline = "\n";
inline constexpr std::string_view kSimParagraph = "\n\n";

std::vector<std::string> TokenizeSim(std::string_view text);

// Readable text from tokens: no space before closing punctuation or after opening
// brackets, "**bold**" and quotes hugged to their words, nothing around line breaks.
std::string DetokenizeSim(const std::vector<std::string>& tokens);

// The lower-cased word if `token` is a content word worth matching on (three or more
// letters, not a stop word), else "". Used to relate prompts to documents.
std::string SimContentWord(std::string_view token);

}  // namespace kinship
