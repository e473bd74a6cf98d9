// PanelReport: everything the panel reports show, as plain data, built once from a run and
// its analysis so that every renderer (terminal, Markdown, later JSON/HTML) shows the same
// numbers and none of them re-reads the run. Text fields hold model and user text
// byte-exact; renderers are responsible for escaping it for their medium.
#pragma once

#include <string>
#include <vector>

#include "harness/analysis/panel_similarity.h"
#include "harness/analysis/relative_nearest.h"

namespace kinship {

struct RunData;

struct ReportSuite {
  std::string name;
  std::string version;  // "" when the run does not record it
};

struct ReportModel {
  std::string name;
  int ok = 0;
  int errors = 0;
  double mean_output_chars = 0;  // code points per ok answer; NaN without ok answers
};

struct ReportMatrix {
  std::string measure;
  std::string summary;
  std::vector<double> values;  // models x models row-major; NaN = no data
  std::vector<int> n;          // prompts behind each value
};

struct ReportAnswer {
  std::string model;
  bool ok = true;
  std::string text;  // the first ok sample's output, or the error message
};

struct ReportExample {
  std::string prompt;    // "suite/prompt_id"
  std::string question;  // the last user message ("" when the prompt is not in the plan)
  std::vector<ReportAnswer> answers;  // panel order; models without a record are left out
};

struct PanelReport {
  std::string run_id;
  std::vector<ReportSuite> suites;
  std::vector<ReportModel> models;  // panel order, as in the matrices
  int prompts = 0;
  std::vector<ReportMatrix> matrices;
  NearestTable nearest;
  std::vector<ReportExample> examples;
};

// Reads the run id from manifest "run_id" (else "id", else the directory name) and the
// suites from manifest "suites" ([{"name", "version"}] or {"name": {"version"}}; else the
// suite names of the plan, without versions). Examples are the first `max_examples`
// prompts of the plan. Does not throw on unexpected manifest layouts.
PanelReport BuildPanelReport(const RunData& run, const PanelSimilarity& similarity,
                             const NearestTable& nearest, int max_examples = 3);

}  // namespace kinship
