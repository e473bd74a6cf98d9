#include "harness/provenance/calibration.h"

#include <algorithm>
#include <cmath>

namespace kinship {

double CalibrationMap::Score(const CalibrationFeatures& f) const {
  return intercept + w_neg_log10_p * f.neg_log10_p + w_z_s * f.z_s +
         w_beat_fraction * f.beat_fraction;
}

double CalibrationMap::Probability(const CalibrationFeatures& f) const {
  return 1.0 / (1.0 + std::exp(-Score(f)));
}

const CalibrationMap& BuiltinCalibration() {
  // Keep equal to data/calibration.json (tests/provenance/calibration_test.cpp checks).
  static const CalibrationMap kMap = {
      -0.8256556975717586, 0.23090974067009537, 1.751741459601433, 3.854510659164442,
      "236 labelled (suspect, candidate) pairs: 208 from simulated lab panels (voices "
      "terse/friendly, teachers cheerful/scholar, fractions 0-100%, 25-800 prompts, 1 "
      "sample) and 28 from the development set (mt_bench, standard protocol); 98 "
      "positive; the two sources weighted equally; L2 0.1; weights constrained >= 0"};
  return kMap;
}

CalibrationFeatures MakeCalibrationFeatures(double combined_p, double z_s,
                                            double beat_fraction) {
  CalibrationFeatures f;
  const double p = std::isnan(combined_p) ? 1.0 : std::clamp(combined_p, 1e-300, 1.0);
  f.neg_log10_p = std::min(4.0, -std::log10(p));
  const double z = std::isnan(z_s) ? 0.0 : z_s;
  f.z_s = std::clamp(z, -5.0, 10.0);
  f.beat_fraction = std::isnan(beat_fraction) ? 0 : std::clamp(beat_fraction, 0.0, 1.0);
  return f;
}

}  // namespace kinship
