#include "harness/report/markdown_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "harness/core/utf8.h"
#include "harness/report/report_format.h"

namespace kinship {

namespace {

std::string Row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + cell + " |";
  return line + "\n";
}

}  // namespace

std::string RenderMarkdown(const PanelReport& report) {
  const std::size_t models = report.models.size();
  std::string out = "# kinship panel report: " + MarkdownInline(report.run_id) + "\n\n";
  out += "- Suites: " + MarkdownInline(FormatSuites(report.suites)) + "\n";
  out += fmt::format("- Models: {}\n- Prompts: {}\n", models, report.prompts);

  out += "\n## Models\n\n";
  out += Row({"model", "ok", "errors", "mean chars"});
  out += "|:--|--:|--:|--:|\n";
  for (const ReportModel& model : report.models) {
    out += Row({MarkdownInline(model.name), std::to_string(model.ok),
                std::to_string(model.errors), FormatChars(model.mean_output_chars)});
  }

  for (const ReportMatrix& matrix : report.matrices) {
    out += "\n## Similarity: " + MarkdownInline(matrix.measure) + "\n\n";
    out += "Measure: " + MarkdownInline(matrix.summary) + ". Mean over the prompts both models answered (" +
           FormatPairN(matrix, models) +
           "); the diagonal is each model's self-similarity between its own samples.\n\n";
    std::vector<std::string> header = {""};
    std::string rule = "|:--|";
    for (const ReportModel& model : report.models) {
      header.push_back(MarkdownInline(model.name));
      rule += "--:|";
    }
    out += Row(header) + rule + "\n";
    for (std::size_t a = 0; a < models; ++a) {
      std::vector<std::string> row = {"**" + MarkdownInline(report.models[a].name) + "**"};
      for (std::size_t b = 0; b < models; ++b) {
        row.push_back(FormatSimilarity(matrix.values[a * models + b]));
      }
      out += Row(row);
    }
  }

  out += "\n## Closest other model, relative to the rest of the panel\n\n";
  if (report.nearest.insufficient_panel) {
    out += "Insufficient panel: a relative answer needs at least 3 models.\n";
  } else {
    out += "Excess: how much closer the model is to the candidate than the rest of the panel "
           "is, in units of each measure's spread, averaged over measures. Raw nearest "
           "ignores the rest of the panel and so favours hubs that resemble everyone.\n\n";
    out += Row({"model", "closest", "excess", "runner-up", "margin", "raw nearest"});
    out += "|:--|:--|--:|:--|--:|:--|\n";
    for (const NearestRow& row : report.nearest.rows) {
      const std::string raw = row.raw_nearest.empty() ? "-" : MarkdownInline(row.raw_nearest);
      if (!row.found) {
        out += Row({MarkdownInline(row.model), "-", "-", "-", "-", raw});
        continue;
      }
      const bool has_runner_up = !row.runner_up.empty();
      out += Row({MarkdownInline(row.model), MarkdownInline(row.closest),
                  FormatExcess(row.excess), has_runner_up ? MarkdownInline(row.runner_up) : "-",
                  has_runner_up ? FormatExcess(row.margin) : "-", raw});
    }
  }

  if (!report.examples.empty()) out += "\n## Examples\n";
  for (const ReportExample& example : report.examples) {
    out += "\n### " + MarkdownInline(example.prompt) + "\n\n";
    if (!example.question.empty()) out += "Prompt:\n\n" + MarkdownCodeBlock(example.question);
    for (const ReportAnswer& answer : example.answers) {
      out += "\n**" + MarkdownInline(answer.model) + "**" + (answer.ok ? "" : " (error)") +
             "\n\n" + MarkdownCodeBlock(answer.text);
    }
  }
  return out;
}

}  // namespace kinship
