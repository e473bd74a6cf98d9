// Terminal display of untrusted text: how many columns it takes, and a copy that cannot
// move the cursor, change colours or reorder the line. Pure functions; thread-safe; never
// throw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kinship {

// Columns `text` takes in a monospace terminal: East Asian wide and fullwidth characters
// (CJK, Hangul, fullwidth forms) 2, combining marks and format characters 0, others 1.
// Invalid bytes count 1 each (they display as U+FFFD).
std::size_t DisplayWidth(std::string_view text);

// A one-line, terminal-safe copy: invalid bytes become U+FFFD; tab, CR and LF become a
// space; other C0/C1 controls, DEL and bidirectional overrides/isolates become U+FFFD, so
// model output can neither inject escape sequences nor break a table row.
std::string TerminalSafe(std::string_view text);

// `text` cut to at most `width` columns on a code point boundary, ending in "…" (1 column)
// when something was cut.
std::string TruncateToWidth(std::string_view text, std::size_t width);

// `text` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
std::string PadToWidth(std::string_view text, std::size_t width, bool align_right = false);

}  // namespace kinship
