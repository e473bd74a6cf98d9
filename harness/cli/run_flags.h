// Flags shared by `run` and `demo`, and their conversion to a RunRequest.
#pragma once

#include <vector>

#include "harness/cli/flags.h"
#include "harness/cli/run_session.h"

namespace kinship {

// --out --samples --seed --concurrency --temperature --max-tokens --quiet
std::vector<FlagSpec> CommonRunFlags();

// Fills out_dir, plan options, concurrency, quiet and argv from the flags.
void ApplyCommonRunFlags(const ParsedFlags& flags, RunRequest* request);

// Prints the one-line summary after a run ("12 ok, 0 failed -> results/..."), and the
// resume hint when the run is not complete.
void PrintRunSummary(const RunResult& result, bool quiet);

}  // namespace kinship
