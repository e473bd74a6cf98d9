#include "harness/compare/compare_runs.h"

namespace kinship {

CompareResult CompareRuns(const RunData& baseline, const RunData& current,
                          const CompareOptions& options) {
  RunAlignment alignment = AlignRuns(baseline, current);
  CompareResult result;
  result.baseline = baseline.dir.string();
  result.current = current.dir.string();
  result.only_baseline = alignment.only_baseline;
  result.only_current = alignment.only_current;
  result.prompts_only_baseline = alignment.prompts_only_baseline;
  result.prompts_only_current = alignment.prompts_only_current;
  result.scores = ScoreDeltas(alignment, options.bootstrap);
  result.drift = OutputDrift(alignment, options.drift);
  return result;
}

}  // namespace kinship
