// The Markdown (GitHub-flavoured) form of a panel report. Model, suite and prompt text is
// untrusted: in tables and headings it is escaped so that it can neither end a cell nor
// open HTML; model answers go in fenced code blocks whose fence is longer than any run of
// backticks in the answer, so the answer bytes appear in the file unchanged and nothing in
// them is interpreted. Pure functions; thread-safe; do not throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

#include "harness/report/panel_report.h"

namespace kinship {

std::string RenderMarkdown(const PanelReport& report);

// One-line inline text for a table cell or heading: \ | ` * _ [ ] are backslash-escaped,
// & < > become entities, line breaks and tabs become spaces, other controls and invalid
// bytes become U+FFFD.
std::string MarkdownInline(std::string_view text);

// A fenced code block holding `text` byte-exact: the fence is one backtick longer than the
// longest backtick run in the text (at least 3), and a final newline is added if missing.
std::string MarkdownCodeBlock(std::string_view text);

}  // namespace kinship
