// The calibration map: from the evidence score of one (suspect, candidate) relative test to
// a probability that the suspect was trained on the candidate's outputs (research §4.3
// "Calibration of the final verdict"). A one-feature logistic map (Platt scaling) of the
// evidence score (evidence_score.h) with a non-negative slope, so the probability is a
// monotone function of the score candidates are ranked by: P can only rise when the
// evidence rises, and the ranking and the probability never disagree. Fitted by
// bench/provenance (`provenance_bench refit`) on labelled panels: the simulated lab at
// several distillation fractions, voices and prompt counts, and the development set. The
// shipped coefficients are harness/provenance/data/calibration.json; this file compiles the
// same numbers in (a test checks they agree) so the binary needs no data file at run time.
//
// Plain data and pure functions; thread-safe; never throws.
#pragma once

#include <string>

namespace kinship {

// The map's input and the descriptive numbers reported beside it, each bounded so one
// extreme panel cannot dominate a fit:
//   evidence_z     EvidenceZ over the primary channel's signals (evidence_score.h), clamped
//                  to [-5, 10]; 0 when no signal gave a z. The map's only input.
//   neg_log10_p    -log10 of the Cauchy-combined p-value over the available signals,
//                  capped at 4 (the sign-flip test's floor with B = 10,000 is ~1e-4)
//   z_s            the primary signal's own S-centric z, clamped to [-5, 10]
//   beat_fraction  share of the available signals whose IUT p-value is below 0.01
// The last three were the inputs of the earlier three-feature map; they stay in the output
// because the verdict rules read the p-values, and a reader wants the primary signal alone.
// They are not in the map: the combined p saturates (~1 on every real pair of the
// development set, ~1e-4 on most simulated students) and beat_fraction takes a few discrete
// values, so a map that leans on them ties most pairs and ranks badly (bench/README.md).
struct CalibrationFeatures {
  double evidence_z = 0;
  double neg_log10_p = 0;
  double z_s = 0;
  double beat_fraction = 0;
};

struct CalibrationMap {
  double intercept = 0;
  double w_evidence_z = 0;  // >= 0
  std::string fitted_on;    // one line describing the fitting data

  double Score(const CalibrationFeatures& f) const;        // the logit
  double Probability(const CalibrationFeatures& f) const;  // 1 / (1 + exp(-Score))
};

// The compiled-in map (equal to data/calibration.json).
const CalibrationMap& BuiltinCalibration();

// Bounds the raw quantities as documented above (NaN becomes 0, or p = 1).
CalibrationFeatures MakeCalibrationFeatures(double evidence_z, double combined_p, double z_s,
                                            double beat_fraction);

}  // namespace kinship
