// Untrusted text (model names, answers, phrases) in GitHub-flavoured Markdown: escaped so
// that it can neither end a table cell nor open HTML, or fenced so that it is shown
// byte-exact and nothing in it is interpreted. Used by every Markdown renderer (reports,
// provenance). Pure functions; thread-safe; do not throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

namespace kinship {

// One-line inline text for a table cell or heading: \ | ` * _ [ ] are backslash-escaped,
// & < > become entities, line breaks and tabs become spaces, other controls and invalid
// bytes become U+FFFD.
std::string MarkdownInline(std::string_view text);

// A fenced code block holding `text` byte-exact: the fence is one backtick longer than the
// longest backtick run in the text (at least 3), and a final newline is added if missing.
std::string MarkdownCodeBlock(std::string_view text);

}  // namespace kinship
