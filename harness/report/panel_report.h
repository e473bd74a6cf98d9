// PanelReport: everything the panel reports show, as plain data, built once from a run and
// its analysis so that every renderer (terminal, Markdown, later JSON/HTML) shows the same
// numbers and none of them re-reads the run. Text fields hold model and user text
// byte-exact; renderers are responsible for escaping it for their medium.
// Numbers that may be unknown are NaN (lengths, latency, cost) or -1 (token totals).
#pragma once

#include <cstdint>
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

// Upper bounds (code points, inclusive) of the answer-length histogram bins; one more bin
// holds the longer answers. Fixed, so histograms of different models compare bin by bin.
inline constexpr int kLengthBinEdges[] = {50, 100, 200, 400, 800, 1600, 3200};
inline constexpr int kLengthBins = 8;

// Share of ok answers showing each formatting habit (0..1; NaN without ok answers).
// Detection is line-based and deliberately simple: these are style fingerprints, not a
// Markdown parser.
struct ReportHabits {
  double headings = 0;      // a line starting with 1-6 '#' and a space
  double bullets = 0;       // a line starting with "- ", "* " or "+ " (after indentation)
  double numbered = 0;      // a line starting with digits and ". " or ") "
  double bold = 0;          // "**" or "__" anywhere
  double code_blocks = 0;   // a line starting with ``` or ~~~
  double tables = 0;        // a line starting and ending with '|'
  double emoji = 0;         // a code point in the emoji / pictograph blocks
  double questions = 0;     // the answer ends with '?' (after trailing space)
};

struct ReportErrorKind {
  std::string kind;  // ResponseRecord::error_kind ("unknown" when empty)
  int count = 0;
};

struct ReportModel {
  std::string name;
  int ok = 0;
  int errors = 0;
  double mean_output_chars = 0;  // code points per ok answer; NaN without ok answers
  // Added for the HTML model cards and the JSON report.
  std::vector<int> length_histogram;  // kLengthBins counts of ok answers by code points
  double length_p10 = 0;              // quantiles of ok answer length (NaN: no ok answers)
  double length_p50 = 0;
  double length_p90 = 0;
  ReportHabits habits;
  std::int64_t input_tokens = -1;      // sums over records that report them; -1: none do
  std::int64_t output_tokens = -1;
  std::int64_t reasoning_tokens = -1;
  double cost_usd = 0;                 // manifest counters' cost_usd; NaN when unknown
  double latency_mean_ms = 0;          // over all records (ok and failed); NaN: no records
  double latency_p50_ms = 0;
  double latency_p95_ms = 0;
  int cached = 0;                      // records served from the response cache
  int retried = 0;                     // records that needed more than one attempt
  std::vector<ReportErrorKind> error_kinds;  // by count, descending, then kind
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

// ---- Provenance (filled by the provenance stage; empty in a plain panel report) ----------
// One verdict of "was `suspect` trained on `candidate`'s outputs", with its evidence.
// Renderers show these when present and say that there was no provenance query otherwise.
struct ReportSignal {
  std::string name;
  double p_value = 0;  // NaN when not computed
  double effect = 0;
  double z = 0;        // the standardised effect the ranking averages; NaN when not computed
  std::string note;    // "" or why p is missing: "ranking only", "too few prompts"
};

struct ReportProvenance {
  std::string suspect;
  std::string candidate;
  std::string verdict;        // e.g. "likely distilled", "no evidence", "insufficient data"
  double probability = 0;     // NaN when not computed
  double p_value = 0;
  double effect = 0;
  double ci95_low = 0;        // confidence interval of `effect`
  double ci95_high = 0;
  std::vector<ReportSignal> signals;
  std::vector<std::string> evidence_phrases;  // shared mannerisms, verbatim model text
  std::vector<std::string> identity_claims;   // e.g. "I am ChatGPT", verbatim model text
  int rank = 0;               // the candidate's place in the suspect's ranking (1 = first)
  double evidence_z = 0;      // what the ranking sorts by; NaN when not computed
  int controls_beaten = 0;
  int controls_total = 0;
  std::string wording;        // the verdict in words ("... consistent with training on ...")
  std::string reason;         // one line: why this verdict
  std::string direction;      // for the suspect's first-ranked candidate; "" for the others
};
// ----------------------------------------------------------------------------------------

// What the manifest says about the run as a whole ("" when it does not say).
struct ReportRunInfo {
  std::string status;
  std::string started_at;
  std::string finished_at;
  std::string tool_version;
  int planned = 0;
  int records = 0;  // records read (one per item)
};

struct PanelReport {
  std::string run_id;
  ReportRunInfo run;
  std::vector<ReportSuite> suites;
  std::vector<ReportModel> models;  // panel order, as in the matrices
  int prompts = 0;
  std::vector<ReportMatrix> matrices;
  NearestTable nearest;
  std::vector<ReportExample> examples;
  // Every prompt of the analysis with each model's answer (chosen as for `examples`), for
  // the side-by-side view of the HTML report.
  std::vector<ReportExample> prompt_answers;
  std::vector<ReportProvenance> provenance;  // empty: no provenance query in this report
  // What to rule out before citing any verdict; shown once beside the verdicts.
  std::vector<std::string> provenance_confounders;
};

// Reads the run id from manifest "run_id" (else "id", else the directory name) and the
// suites from manifest "suites" ([{"name", "version"}] or {"name": {"version"}}; else the
// suite names of the plan, without versions). Examples are the first `max_examples`
// prompts of the plan; prompt_answers covers all of them. Model cards count every record of
// the model; cost comes from manifest "counters". Leaves `provenance` empty. Does not throw
// on unexpected manifest layouts.
PanelReport BuildPanelReport(const RunData& run, const PanelSimilarity& similarity,
                             const NearestTable& nearest, int max_examples = 3);

}  // namespace kinship
