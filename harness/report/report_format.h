// Number formatting shared by the report renderers, so the terminal and Markdown reports
// show identical figures. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "harness/report/panel_report.h"

namespace kinship {

// "0.620"; "-" for NaN (no data).
std::string FormatSimilarity(double value);
// "+0.82" / "-0.13" (excess and margin, in spreads).
std::string FormatExcess(double value);
// "12.0"; "-" for NaN.
std::string FormatChars(double value);
// "demo v1.0, extra" (a numeric version gets a "v"; a suite without a recorded version
// shows its name alone).
std::string FormatSuites(const std::vector<ReportSuite>& suites);
// "n = 2 prompts per pair" or "n = 1-3 prompts per pair" over the off-diagonal cells.
std::string FormatPairN(const ReportMatrix& matrix, std::size_t models);

}  // namespace kinship
