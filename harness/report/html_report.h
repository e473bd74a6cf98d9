// The HTML form of a panel report: one self-contained file that works offline (no external
// scripts, fonts or images; a Content-Security-Policy forbids loading any). The page holds
// the report data as JSON in a <script type="application/json"> block and draws it with an
// inline script: run summary, provenance verdicts (or "no provenance query"), an SVG
// similarity heatmap ordered by hierarchical clustering with its dendrogram, per-model
// cards, the closest-model table and a side-by-side view of two models' answers with
// word-level differences, with search and filters.
//
// Safety: model, prompt and suite text is untrusted. In the data block every '<', '>' and
// '&' is written as a \u escape, so no text can close the block; the script inserts text
// only as DOM text nodes and never builds URLs or markup from data; the few strings
// written into the markup directly (the title) are entity-escaped. Invalid UTF-8 becomes
// U+FFFD. Pure functions; thread-safe; do not throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

#include "harness/report/panel_report.h"

namespace kinship {

std::string RenderHtml(const PanelReport& report);

// Text for HTML element content or a quoted attribute: & < > " ' become entities, invalid
// UTF-8 and NUL become U+FFFD.
std::string HtmlEscape(std::string_view text);

// JSON text made safe inside <script type="application/json">: '<', '>' and '&' (which
// JSON only has inside strings) become \u003c, \u003e and \u0026, so JSON.parse reads the
// same value and the text can never contain "</script" or "<!--".
std::string ScriptSafeJson(std::string_view json);

}  // namespace kinship
