// Analysis + rendering of one run directory, shared by `report` and `audit`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kinship {

struct RunData;
struct ReportProvenanceResult;

struct ReportRequest {
  std::filesystem::path run_dir;
  // "terminal" (printed to stdout) and file formats ("markdown"). Empty: terminal + markdown.
  std::vector<std::string> formats;
  // With one file format: the file to write; with several: the folder for report.<ext>.
  // Empty: the run directory.
  std::filesystem::path out;
  bool color = false;  // ANSI colour in the terminal rendering
  int examples = 3;    // prompts shown with every model's answer
  bool provenance = true;               // the all-pairs provenance summary
  std::size_t provenance_max_models = 12;  // larger panels skip it (it grows as n^2)
};

struct ReportResult {
  std::string terminal;                      // rendered terminal text ("" when not asked)
  std::vector<std::filesystem::path> files;  // files written
};

// Throws ConfigError for an unknown format (did-you-mean) or a folder that is not a run.
ReportResult MakeReports(const ReportRequest& request);

// The same for a run already read (e.g. the union of an audit's two phases; run_dir is then
// only the default output folder). `provenance`, when given, is shown instead of the
// all-pairs summary (request.provenance is then ignored).
ReportResult MakeReportsForRun(const RunData& run, const ReportRequest& request,
                               const ReportProvenanceResult* provenance = nullptr);

// The formats `--format` accepts.
const std::vector<std::string>& ReportFormats();

}  // namespace kinship
