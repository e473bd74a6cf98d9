#include "harness/report/terminal_report.h"

#include <fmt/format.h>

#include "harness/analysis/display_width.h"
#include "harness/report/report_format.h"
#include "harness/report/text_table.h"

namespace kinship {

namespace {

constexpr std::size_t kExampleWidth = 100;  // columns of an answer preview
constexpr const char* kBold = "1";
constexpr const char* kGreen = "32";

std::string Heading(const std::string& text, bool color) {
  return color ? "\x1b[1m" + text + "\x1b[0m\n" : text + "\n";
}

std::string Safe(const std::string& text) { return TerminalSafe(text); }

}  // namespace

std::string RenderTerminal(const PanelReport& report, bool color) {
  const std::size_t models = report.models.size();
  std::string out = Heading("kinship panel report", color);
  out += "run: " + Safe(report.run_id) + "\n";
  out += "suites: " + Safe(FormatSuites(report.suites)) + "\n";
  out += fmt::format("models: {}  prompts: {}\n", models, report.prompts);

  out += "\n" + Heading("Models", color);
  TextTable model_table({false, true, true, true});
  model_table.AddRow({"model", "ok", "errors", "mean chars"}, {kBold, kBold, kBold, kBold});
  for (const ReportModel& model : report.models) {
    model_table.AddRow({Safe(model.name), std::to_string(model.ok), std::to_string(model.errors),
                        FormatChars(model.mean_output_chars)});
  }
  out += model_table.Render("  ", color);

  for (const ReportMatrix& matrix : report.matrices) {
    out += "\n" + Heading("Similarity: " + Safe(matrix.measure), color);
    out += "  " + Safe(matrix.summary) + "\n";
    out += "  mean over prompts both answered, " + FormatPairN(matrix, models) + "\n";
    out += "  diagonal: self-similarity between a model's own samples\n";
    std::vector<bool> align_right(models + 1, true);
    align_right[0] = false;  // row labels
    TextTable table(align_right);
    std::vector<std::string> header = {""};
    for (const ReportModel& model : report.models) header.push_back(Safe(model.name));
    table.AddRow(header, std::vector<std::string>(models + 1, kBold));
    for (std::size_t a = 0; a < models; ++a) {
      std::vector<std::string> row = {Safe(report.models[a].name)};
      for (std::size_t b = 0; b < models; ++b) {
        row.push_back(FormatSimilarity(matrix.values[a * models + b]));
      }
      table.AddRow(row, {kBold});
    }
    out += table.Render("  ", color);
  }

  out += "\n" + Heading("Closest other model, relative to the rest of the panel", color);
  if (report.nearest.insufficient_panel) {
    out += "  insufficient panel: a relative answer needs at least 3 models\n";
  } else {
    TextTable table({false, false, true, false, true, false});
    table.AddRow({"model", "closest", "excess", "runner-up", "margin", "raw nearest"},
                 std::vector<std::string>(6, kBold));
    for (const NearestRow& row : report.nearest.rows) {
      if (!row.found) {
        table.AddRow({Safe(row.model), "-", "-", "-", "-", Safe(row.raw_nearest)});
        continue;
      }
      const bool has_runner_up = !row.runner_up.empty();
      table.AddRow({Safe(row.model), Safe(row.closest), FormatExcess(row.excess),
                    has_runner_up ? Safe(row.runner_up) : "-",
                    has_runner_up ? FormatExcess(row.margin) : "-", Safe(row.raw_nearest)},
                   {"", kGreen});
    }
    out += table.Render("  ", color);
    out += "  excess: how much closer the model is to it than the rest of the panel is, in\n"
           "  units of each measure's spread; raw nearest ignores the rest (hub effect)\n";
  }

  if (!report.examples.empty()) out += "\n" + Heading("Examples", color);
  for (const ReportExample& example : report.examples) {
    std::string title = Safe(example.prompt);
    if (!example.question.empty()) title += ": " + Safe(example.question);
    out += "  " + TruncateToWidth(title, kExampleWidth + 2) + "\n";
    for (const ReportAnswer& answer : example.answers) {
      const std::string text = answer.ok ? Safe(answer.text) : "[error] " + Safe(answer.text);
      out += "    " + Safe(answer.model) + ": " + TruncateToWidth(text, kExampleWidth) + "\n";
    }
  }
  return out;
}

}  // namespace kinship
