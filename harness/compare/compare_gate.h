// The CI gates of `kinship compare`: --fail-on regression|drift|any and --max-drop X.
//   regression  a model whose assertion pass rate fell by more than max_drop (default 0)
//               AND whose 95% bootstrap interval of the change lies below zero -- a drop
//               must be both larger than tolerated and not explainable by sampling noise
//   drift       a model whose outputs drifted (output_drift.h verdict)
//   any         either
// --max-drop alone implies --fail-on regression. A failed gate is exit code 100
// (harness/core/exit_code.h). Pure; ParseGate throws ConfigError for a bad value.
#pragma once

#include <string>
#include <vector>

#include "harness/compare/compare_runs.h"

namespace kinship {

struct GateOptions {
  bool regression = false;
  bool drift = false;
  double max_drop = 0;
};

struct GateOutcome {
  bool failed = false;
  std::vector<std::string> reasons;  // one line per failing check
};

// From the flag values ("" when not given).
GateOptions ParseGate(const std::string& fail_on, const std::string& max_drop);

GateOutcome EvaluateGates(const CompareResult& result, const GateOptions& gate);

// Whether a model's score change counts as a regression under `max_drop`.
bool IsRegression(const ModelScoreDelta& delta, double max_drop);

}  // namespace kinship
