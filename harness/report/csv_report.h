// The CSV form of a panel report: one row per model pair and signal, for spreadsheets and
// data frames. Columns:
//   signal,model_a,model_b,value,n,p_value,effect
// Similarity rows: signal = the measure, model_a <= model_b in panel order (model_a ==
// model_b is the model's self-similarity), value = mean similarity, n = prompts behind it,
// p_value and effect empty. Provenance rows: signal = the provenance signal's name,
// model_a = suspect, model_b = candidate, value and n empty. Empty cell = no data.
// RFC 4180: CRLF line ends, fields with a comma, quote or line break are quoted. Text cells
// that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
// leading apostrophe; invalid UTF-8 and NUL become U+FFFD. Pure functions; thread-safe;
// do not throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/report/panel_report.h"

namespace kinship {

std::string RenderCsv(const PanelReport& report);

// One CSV text cell, escaped and neutralised as described above.
std::string CsvTextCell(std::string_view text);

// A number cell: the shortest decimal that reads back, or "" for NaN (no data).
std::string CsvNumberCell(double value);

// Cells (already escaped) joined by commas, with the CRLF line end.
std::string CsvRow(const std::vector<std::string>& cells);

}  // namespace kinship
