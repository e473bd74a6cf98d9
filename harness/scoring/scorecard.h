// The assertion scores of a run, computed at report time from prompts.jsonl (which carries
// each prompt's assertions) and responses.jsonl -- never stored, so editing an assertion
// needs no new requests (`kinship report --suite FILE` re-reads them from the suite).
//
// Definitions (suites/README.md, "Assertions"):
//   answer score   weighted share of the prompt's assertions the answer passes, in [0, 1];
//                  a failed request (no answer) scores 0 and fails
//   answer passes  score >= the prompt's threshold (default 1: every assertion)
//   case           one (model, prompt): pass rate = passing samples / samples recorded
//   flaky          a case that passes in some samples and fails in others
//   case passes    every sample passes
// Per (model, suite): cases, passed, failed, flaky, mean pass rate over cases and mean
// score. Prompts without assertions are not cases.
//
// Pure functions of their inputs; thread-safe; never throw except ConfigError from
// ApplySuiteAssertions.
#pragma once

#include <string>
#include <vector>

#include "harness/config/prompt.h"
#include "harness/report/junit_report.h"
#include "harness/run/run_reader.h"

namespace kinship {

struct SampleScore {
  int sample = 0;
  bool answered = false;                // an ok record
  double score = 0;
  bool pass = false;
  std::vector<std::string> failures;    // "icontains: does not contain 'Paris'"
};

struct CaseScore {
  std::string model;
  std::string suite;
  std::string prompt_id;
  std::vector<SampleScore> samples;     // by sample index
  double pass_rate = 0;
  double mean_score = 0;
  bool flaky = false;
  bool pass = false;                    // every sample passes
};

struct SuiteScore {
  std::string model;
  std::string suite;
  int cases = 0;
  int passed = 0;
  int failed = 0;                       // cases with at least one failing sample
  int flaky = 0;                        // of the failed, those that also passed sometimes
  double pass_rate = 0;                 // mean case pass rate
  double mean_score = 0;
};

struct Scorecard {
  std::vector<CaseScore> cases;         // model-major in panel order, then prompt order
  std::vector<SuiteScore> suites;       // per (model, suite)
  bool empty() const { return cases.empty(); }
};

Scorecard ScoreRun(const RunData& run);

// Scores the answers of one (model, prompt): the samples' records, in any order.
CaseScore ScoreCase(const Prompt& prompt, const std::vector<const ResponseRecord*>& records);

// Replaces the assertions and thresholds of the run's prompts by those of the loaded
// suites (matched by suite name and prompt id), for `report --suite FILE`. Prompts of
// other suites keep theirs. Throws ConfigError when no prompt of the run matches a suite.
void ApplySuiteAssertions(const std::vector<Suite>& suites, RunData* run);

// Plain-text and Markdown tables (one row per model x suite, then the failing and flaky
// cases, at most `max_cases` of them).
std::string RenderScorecardText(const Scorecard& card, int max_cases = 20);
std::string RenderScorecardMarkdown(const Scorecard& card, int max_cases = 50);

// One JUnit test suite per (model, suite), one test case per prompt.
std::vector<JUnitSuite> ScorecardToJUnit(const Scorecard& card);

// The lowest pass rate over (model, suite); 1 for an empty card.
double MinPassRate(const Scorecard& card);

}  // namespace kinship
