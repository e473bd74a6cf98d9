// Flags shared by `run` and `demo`, and their conversion to a RunRequest.
#pragma once

#include <vector>

#include "harness/cli/flags.h"
#include "harness/cli/run_session.h"

namespace kinship {

// What to ask: --out --samples --seed --temperature --max-tokens.
std::vector<FlagSpec> PlanFlags();
// How to execute (also valid with --resume): --concurrency --deadline --ca-file --verbose --quiet.
std::vector<FlagSpec> ExecutionFlags();

ExecutionSettings ExecutionFromFlags(const ParsedFlags& flags);

// Fills out_dir, plan options, execution settings and argv from the flags.
void ApplyRunFlags(const ParsedFlags& flags, RunRequest* request);

// Prints the one-line summary after a run ("12 ok, 0 failed -> results/..."), and the
// resume hint when the run is not complete: `resume_hint`, or by default
// "kinship run --resume DIR".
void PrintRunSummary(const RunResult& result, bool quiet, const std::string& resume_hint = "");

}  // namespace kinship
