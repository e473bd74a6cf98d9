// `kinship compare BASELINE CURRENT`: the whole analysis of two runs -- alignment, per-model
// assertion score deltas with flips (score_delta.h) and output drift (output_drift.h).
// Plain result; the runs are read by the caller. Pure; deterministic; throws ConfigError
// only for an unknown drift measure.
#pragma once

#include <string>
#include <vector>

#include "harness/compare/output_drift.h"
#include "harness/compare/run_alignment.h"
#include "harness/compare/score_delta.h"

namespace kinship {

struct CompareOptions {
  BootstrapOptions bootstrap;
  DriftOptions drift;
};

struct CompareResult {
  std::string baseline;                 // run directories, as given
  std::string current;
  std::vector<std::string> only_baseline;  // models in one run only
  std::vector<std::string> only_current;
  int prompts_only_baseline = 0;
  int prompts_only_current = 0;
  std::vector<ModelScoreDelta> scores;  // models with assertions
  std::vector<ModelDrift> drift;        // every aligned model
};

CompareResult CompareRuns(const RunData& baseline, const RunData& current,
                          const CompareOptions& options = {});

}  // namespace kinship
