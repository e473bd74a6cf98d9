#include "harness/report/report_format.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace kinship {

std::string FormatSimilarity(double value) {
  return std::isnan(value) ? "-" : fmt::format("{:.3f}", value);
}

std::string FormatExcess(double value) { return fmt::format("{:+.2f}", value); }

std::string FormatChars(double value) {
  return std::isnan(value) ? "-" : fmt::format("{:.1f}", value);
}

std::string FormatSuites(const std::vector<ReportSuite>& suites) {
  std::string out;
  for (const ReportSuite& suite : suites) {
    if (!out.empty()) out += ", ";
    out += suite.name;
    if (suite.version.empty()) continue;
    // "chat v1" reads as a version; a bare "chat 1" reads as a count of prompts.
    const bool numeric = suite.version[0] >= '0' && suite.version[0] <= '9';
    out += (numeric ? " v" : " ") + suite.version;
  }
  return out.empty() ? "-" : out;
}

std::string FormatPairN(const ReportMatrix& matrix, std::size_t models) {
  int low = -1, high = -1;
  for (std::size_t a = 0; a < models; ++a) {
    for (std::size_t b = a + 1; b < models; ++b) {
      const int n = matrix.n[a * models + b];
      low = low < 0 ? n : std::min(low, n);
      high = std::max(high, n);
    }
  }
  if (low < 0) return "n = 0 prompts per pair";
  if (low == high) return fmt::format("n = {} prompts per pair", low);
  return fmt::format("n = {}-{} prompts per pair", low, high);
}

}  // namespace kinship
