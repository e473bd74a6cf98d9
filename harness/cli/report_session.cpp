#include "harness/cli/report_session.h"

#include <algorithm>

#include "harness/analysis/builtin_measures.h"
#include "harness/analysis/panel_answers.h"
#include "harness/analysis/panel_similarity.h"
#include "harness/analysis/relative_nearest.h"
#include "harness/cli/report_provenance.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/file_io.h"
#include "harness/provenance/verdict.h"
#include "harness/report/csv_report.h"
#include "harness/report/html_report.h"
#include "harness/report/json_report.h"
#include "harness/report/markdown_report.h"
#include "harness/report/panel_report.h"
#include "harness/report/terminal_report.h"
#include "harness/run/run_reader.h"

namespace kinship {

namespace {

struct FileFormat {
  std::string name;
  std::string extension;
  std::string (*render)(const PanelReport&);
};

const std::vector<FileFormat>& FileFormats() {
  static const std::vector<FileFormat> formats = {{"markdown", "md", RenderMarkdown},
                                                  {"html", "html", RenderHtml},
                                                  {"json", "json", RenderJson},
                                                  {"csv", "csv", RenderCsv}};
  return formats;
}

}  // namespace

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"terminal"};
    for (const auto& format : FileFormats()) out.push_back(format.name);
    return out;
  }();
  return names;
}

namespace {

// The file format called `name` (or its extension); ConfigError with a did-you-mean.
const FileFormat& FileFormatByName(const std::string& name) {
  auto it = std::find_if(FileFormats().begin(), FileFormats().end(),
                         [&](const FileFormat& f) { return f.name == name || f.extension == name; });
  if (it == FileFormats().end()) {
    throw ConfigError("--format: unknown format '" + name + "'" + DidYouMean(name, ReportFormats()));
  }
  return *it;
}

}  // namespace

ReportResult MakeReports(const ReportRequest& request) {
  // Check the formats before reading a possibly large run.
  for (const auto& name : request.formats) {
    if (name != "terminal") FileFormatByName(name);
  }
  return MakeReportsForRun(ReadRun(request.run_dir), request);
}

ReportResult MakeReportsForRun(const RunData& run, const ReportRequest& request,
                               const ReportProvenanceResult* given_provenance) {
  std::vector<std::string> formats = request.formats;
  if (formats.empty()) formats = {"terminal", "markdown"};
  std::vector<const FileFormat*> files;
  bool terminal = false;
  for (const auto& name : formats) {
    if (name == "terminal") {
      terminal = true;
      continue;
    }
    files.push_back(&FileFormatByName(name));
  }

  // The tables compare draws with draws: an audit's greedy answer beside its samples would
  // pull the self-similarity diagonal and the cross-model means toward one fixed text.
  PanelAnswers answers = CollectPanelAnswers(run, AnswerSelection::kSampledDraws);
  PanelSimilarity similarity = ComputePanelSimilarity(answers, BuiltinMeasures());
  NearestTable nearest = RelativeNearest(similarity);
  PanelReport report = BuildPanelReport(run, similarity, nearest, request.examples);
  ReportProvenanceResult provenance;
  if (given_provenance) {
    provenance = *given_provenance;
  } else if (request.provenance) {
    provenance = BuildReportProvenance(run, request.provenance_max_models);
  }
  report.provenance = provenance.rows;
  if (!report.provenance.empty()) report.provenance_confounders = ConfounderChecklist();

  ReportResult result;
  if (terminal) result.terminal = RenderTerminal(report, request.color) + provenance.terminal;
  for (const FileFormat* format : files) {
    std::filesystem::path path;
    if (request.out.empty()) {
      path = request.run_dir / ("report." + format->extension);
    } else if (files.size() == 1 && !std::filesystem::is_directory(request.out)) {
      path = request.out;
    } else {
      std::filesystem::create_directories(request.out);
      path = request.out / ("report." + format->extension);
    }
    std::string text = format->render(report);
    if (format->name == "markdown" && !provenance.markdown.empty()) text += "\n" + provenance.markdown;
    WriteFileAtomically(path, text);
    result.files.push_back(path);
  }
  return result;
}

}  // namespace kinship
