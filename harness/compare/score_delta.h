// Per-model assertion score change between two aligned runs, paired by prompt.
//
// For each prompt with assertions, each run's case pass rate is taken over the samples
// answered in BOTH runs (harness/scoring/scorecard.h defines the pass), and
// delta_p = current - baseline. The model's change is mean_p delta_p with a 95% prompt-level
// (cluster) bootstrap percentile interval (harness/stats/bootstrap.h): the prompt is the
// unit, since samples of a prompt are not independent.
// Flips: a case (model, prompt) that passed every paired sample in one run and not in the
// other. McNemar's exact test (harness/stats/exact_tests.h, two-sided) on the discordant
// counts asks whether pass->fail and fail->pass flips are equally likely.
// Pure; deterministic given the options; never throws.
#pragma once

#include <string>
#include <vector>

#include "harness/compare/run_alignment.h"
#include "harness/stats/bootstrap.h"

namespace kinship {

struct Flip {
  std::string suite;
  std::string prompt_id;
  double baseline_pass_rate = 0;
  double current_pass_rate = 0;
  bool regressed = false;  // pass -> fail (else fail -> pass)
};

struct ModelScoreDelta {
  std::string model;
  int prompts = 0;                 // prompts with assertions and paired samples
  double baseline_pass_rate = 0;   // mean over those prompts
  double current_pass_rate = 0;
  BootstrapInterval delta;         // current - baseline, pass-rate points in [-1, 1]
  int pass_to_fail = 0;
  int fail_to_pass = 0;
  double mcnemar_p = 1;            // NaN-free: 1 when there are no flips
  std::vector<Flip> flips;         // regressions first, then prompt order
};

// One entry per aligned model that has at least one scored prompt.
std::vector<ModelScoreDelta> ScoreDeltas(const RunAlignment& alignment,
                                         const BootstrapOptions& options = {});

}  // namespace kinship
