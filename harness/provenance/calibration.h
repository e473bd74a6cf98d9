// The calibration map: from a small feature vector describing one (suspect, candidate)
// relative test to a probability that the suspect was trained on the candidate's outputs
// (research §4.3 "Calibration of the final verdict"). A logistic map with non-negative
// weights, so the probability can only rise when the evidence rises (monotone), fitted by
// bench/provenance (`provenance_bench refit`) on labelled panels: the simulated lab at
// several distillation fractions, voices and prompt counts, and the development set. The
// shipped coefficients are harness/provenance/data/calibration.json; this file compiles the
// same numbers in (a test checks they agree) so the binary needs no data file at run time.
//
// Plain data and pure functions; thread-safe; never throws.
#pragma once

#include <string>
#include <vector>

namespace kinship {

// The features, each bounded so one extreme panel cannot dominate a fit:
//   neg_log10_p    -log10 of the Cauchy-combined p-value over the available signals,
//                  capped at 4 (the sign-flip test's floor with B = 10,000 is ~1e-4)
//   z_s            primary signal: z_S = (mean sim(S,T) - mean_j sim(S,C_j)) / sd_j sim(S,C_j),
//                  clamped to [-5, 10]; the sd has a floor of 10% of the mean's magnitude
//                  plus 1e-3 so two near-identical controls cannot produce an unbounded z.
//                  S-centric only: on the development set the T-centric z ranked teachers
//                  far worse (top-1 2/9 against 7/9), so the hub correction is left to the
//                  verdict rules (both centrings must reject), not to the ranking score
//   beat_fraction  share of the available signals whose IUT p-value is below 0.01
struct CalibrationFeatures {
  double neg_log10_p = 0;
  double z_s = 0;
  double beat_fraction = 0;
};

struct CalibrationMap {
  double intercept = 0;
  double w_neg_log10_p = 0;
  double w_z_s = 0;
  double w_beat_fraction = 0;
  std::string fitted_on;  // one line describing the fitting data

  double Score(const CalibrationFeatures& f) const;        // the logit
  double Probability(const CalibrationFeatures& f) const;  // 1 / (1 + exp(-Score))
};

// The compiled-in map (equal to data/calibration.json).
const CalibrationMap& BuiltinCalibration();

// Bounds the raw quantities as documented above.
CalibrationFeatures MakeCalibrationFeatures(double combined_p, double z_s,
                                            double beat_fraction);

}  // namespace kinship
