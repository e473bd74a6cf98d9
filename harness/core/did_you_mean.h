// Spelling suggestions for unknown names (subcommands, flags, adapters, suite keys).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

// Edit distance over bytes: insert, delete, substitute or swap two adjacent bytes, each
// costing 1 (optimal string alignment).
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo:
// distance at most max(1, len/3); else `word` is a prefix of exactly one candidate; else the
// longest candidate that is a prefix of `word` and has at least three characters besides
// leading dashes ("--output" -> "--out").
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" when nothing is close. For appending to messages.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kinship
