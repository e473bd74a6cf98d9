// The Markdown (GitHub-flavoured) form of a panel report. Model, suite and prompt text is
// untrusted: in tables and headings it is escaped so that it can neither end a cell nor
// open HTML; model answers go in fenced code blocks whose fence is longer than any run of
// backticks in the answer, so the answer bytes appear in the file unchanged and nothing in
// them is interpreted. Pure functions; thread-safe; do not throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

#include "harness/core/markdown_text.h"
#include "harness/report/panel_report.h"

namespace kinship {

std::string RenderMarkdown(const PanelReport& report);

}  // namespace kinship
