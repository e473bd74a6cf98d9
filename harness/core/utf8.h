// UTF-8 helpers. Text is stored and passed byte-exact everywhere; these functions only
// inspect it, or make a display-safe copy where invalid bytes must not reach a renderer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kinship {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Decodes the code point at `text[*pos]` and advances *pos past it. Invalid or truncated
// sequences decode as U+FFFD and advance by one byte, so the loop always progresses.
char32_t DecodeUtf8(std::string_view text, std::size_t* pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// A copy with each invalid byte replaced by U+FFFD (for display; never for storage).
std::string SanitizeUtf8(std::string_view text);

// True for a C0 or C1 control, DEL, or a bidirectional embedding, override or isolate
// (U+202A-U+202E, U+2066-U+2069): the code points that could move a terminal's cursor or
// reorder a line, which untrusted text may not carry into a display.
bool IsControlOrDirectionOverride(char32_t cp);

// Number of code points (invalid bytes count one each).
std::size_t CodePointCount(std::string_view text);

// The longest prefix of at most `max_code_points` code points, cut on a boundary.
std::string_view Utf8Prefix(std::string_view text, std::size_t max_code_points);

}  // namespace kinship
