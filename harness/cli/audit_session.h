// A whole `kinship audit` (research §4.1): the built-in probe suites of a budget, asked
// with the sampling protocol (one greedy answer plus k sampled at temperature 1), then for
// the standard and full budgets a second phase, the derived cross-continuation suite; then
// the provenance query of the suspect against the candidates and controls, provenance.json
// and report.html. Shared by `audit` and `demo`.
//
// The audit folder DIR is the first phase's run directory (so `kinship report DIR` and
// `kinship provenance DIR` work on it), with the second phase in DIR/cross-continuation/
// (its suite in DIR/cross-continuation.yaml and .jsonl) and the audit's own settings in
// DIR/audit.json (results/README.md). Running the same audit with the same --out continues
// it: finished items are not sent again.
//
// Before anything is sent or written: every model, suite and adapter is checked, the panel
// warnings are printed, the request count and cost bound are printed, and above the
// thresholds the user must confirm (--yes, or "y" on a terminal). Returns the exit code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/cli/run_session.h"

namespace kinship {

struct AuditRequest {
  std::string suspect;
  std::vector<std::string> candidates;
  std::vector<std::string> controls;
  std::string models_file;               // empty: names are built-in models or ADAPTER:MODEL
  std::string budget = "standard";
  std::filesystem::path out_dir;         // empty: results/<run-id>
  bool yes = false;                      // confirmed in advance
  bool dry_run = false;                  // print the plan and its bound; send nothing
  double confirm_above_usd = 5.0;        // ask when the cost bound is above this
  long long confirm_above_requests = 10000;  // ... or remote requests are above this
  std::optional<std::uint64_t> seed;     // sampling seeds and the statistics' seed
  ExecutionSettings execution;
  std::vector<std::string> argv;         // recorded in the manifests
};

// ConfigError (exit 2) on bad names, budgets or configuration, before anything is sent.
int RunAudit(const AuditRequest& request);

}  // namespace kinship
