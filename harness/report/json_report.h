// The JSON form of a panel report ("kinship-report/1", schema in README.md, "Report formats"): the
// same numbers as the other renderers, for scripts and dashboards. Unknown numbers (NaN)
// are null; matrices are arrays of rows in panel order, with the hierarchical-clustering
// order and merges that the HTML heatmap uses. Text is emitted as JSON strings: byte-exact
// for valid UTF-8; each invalid byte becomes U+FFFD (JSON cannot carry it). The HTML report
// embeds the same document (with every prompt's answers), so the two never disagree.
// Pure functions; thread-safe; do not throw except std::bad_alloc.
#pragma once

#include <string>

#include "harness/report/panel_report.h"

namespace kinship {

struct JsonReportOptions {
  bool all_answers = false;  // add "answers": every prompt with each model's answer
  int indent = 2;            // -1: one line
};

// The report file: indented, with "examples" but without "answers".
std::string RenderJson(const PanelReport& report);
std::string RenderJsonWith(const PanelReport& report, const JsonReportOptions& options);

}  // namespace kinship
