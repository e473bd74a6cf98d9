// For each model X, the other model it is closest to *relative to the rest of the panel*.
//
// Why relative: a raw nearest neighbour suffers the hub effect. A popular, generic model
// (or one whose style many models were tuned towards) is similar to everyone, so raw
// similarity would name it the nearest model of nearly every model, and "X looks like a
// student of the hub" would be said of the whole panel (ARCHITECTURE.md decision 6). So
// each candidate Y is scored by how much closer X is to Y than the rest of the panel is:
//
//   e_m(X, Y) = sim_m(X, Y) - mean over Z not in {X, Y} of sim_m(Z, Y)
//
// per measure m, divided by the spread of measure m (the standard deviation of its
// off-diagonal pair means, so measures on different natural scales count alike), and
// averaged over the measures where it is defined. A hub is close to everyone, so the
// panel's mean similarity to it is high and its excess small; a teacher is close to its
// student but not to the rest, so the student's excess towards it stands out.
//
// This is a descriptive ranking, not a verdict: no uncertainty yet (the later statistics
// replace it). Panels of fewer than 3 models have no "rest" and are reported as
// insufficient. Pure function; thread-safe; does not throw.
#pragma once

#include <string>
#include <vector>

#include "harness/analysis/panel_similarity.h"

namespace kinship {

struct NearestRow {
  std::string model;
  bool found = false;       // false: no other model with comparable data
  std::string closest;      // best Y by excess
  double excess = 0;        // its e(X, Y), in units of each measure's spread
  std::string runner_up;    // second-best Y ("" when there is none)
  double runner_up_excess = 0;
  double margin = 0;        // excess - runner_up_excess (0 without a runner-up)
  std::string raw_nearest;  // best Y by scaled raw similarity, for contrast with `closest`
};

struct NearestTable {
  bool insufficient_panel = false;  // fewer than 3 models: rows are empty
  std::vector<NearestRow> rows;     // one per model, panel order
};

NearestTable RelativeNearest(const PanelSimilarity& similarity);

}  // namespace kinship
