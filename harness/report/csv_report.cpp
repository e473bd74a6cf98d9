#include "harness/report/csv_report.h"

#include <cmath>

#include <fmt/format.h>

#include "harness/core/utf8.h"

namespace kinship {

std::string CsvNumberCell(double value) {
  return std::isnan(value) ? "" : fmt::format("{}", value);
}

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += cells[i];
  }
  return line + "\r\n";
}

std::string CsvTextCell(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = DecodeUtf8(text, &pos);
    AppendUtf8(cp == 0 ? 0xFFFD : cp, &clean);
  }
  if (!clean.empty() && std::string_view("=+-@\t\r").find(clean[0]) != std::string_view::npos) {
    clean.insert(clean.begin(), '\'');
  }
  if (clean.find_first_of(",\"\r\n") == std::string::npos) return clean;
  std::string quoted = "\"";
  for (char c : clean) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string RenderCsv(const PanelReport& report) {
  const std::size_t models = report.models.size();
  std::string out = CsvRow({"signal", "model_a", "model_b", "value", "n", "p_value", "effect"});
  for (const ReportMatrix& matrix : report.matrices) {
    for (std::size_t a = 0; a < models; ++a) {
      for (std::size_t b = a; b < models; ++b) {
        out += CsvRow({CsvTextCell(matrix.measure), CsvTextCell(report.models[a].name),
                       CsvTextCell(report.models[b].name),
                       CsvNumberCell(matrix.values[a * models + b]),
                       std::to_string(matrix.n[a * models + b]), "", ""});
      }
    }
  }
  for (const ReportProvenance& verdict : report.provenance) {
    for (const ReportSignal& signal : verdict.signals) {
      out += CsvRow({CsvTextCell(signal.name), CsvTextCell(verdict.suspect),
                     CsvTextCell(verdict.candidate), "", "", CsvNumberCell(signal.p_value),
                     CsvNumberCell(signal.effect)});
    }
  }
  return out;
}

}  // namespace kinship
