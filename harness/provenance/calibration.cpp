#include "harness/provenance/calibration.h"

#include <algorithm>
#include <cmath>

namespace kinship {

double CalibrationMap::Score(const CalibrationFeatures& f) const {
  return intercept + w_evidence_z * f.evidence_z;
}

double CalibrationMap::Probability(const CalibrationFeatures& f) const {
  return 1.0 / (1.0 + std::exp(-Score(f)));
}

const CalibrationMap& BuiltinCalibration() {
  // Keep equal to data/calibration.json (tests/provenance/calibration_test.cpp checks).
  static const CalibrationMap kMap = {-1.8646230500237915, 4.6019105124801358,
      "236 labelled (suspect, candidate) pairs: 208 from simulated lab panels (voices "
      "terse/friendly, teachers cheerful/scholar, fractions 0-100%, 25-800 prompts, 1 "
      "sample) and 28 from the development set (mt_bench, standard protocol); 98 "
      "positive; the development set carries 75% of the weight; L2 0.1; slope "
      "constrained >= 0"};
  return kMap;
}

CalibrationFeatures MakeCalibrationFeatures(double evidence_z, double combined_p, double z_s,
                                            double beat_fraction) {
  auto bounded_z = [](double z) { return std::isnan(z) ? 0.0 : std::clamp(z, -5.0, 10.0); };
  CalibrationFeatures f;
  f.evidence_z = bounded_z(evidence_z);
  const double p = std::isnan(combined_p) ? 1.0 : std::clamp(combined_p, 1e-300, 1.0);
  f.neg_log10_p = std::min(4.0, -std::log10(p));
  f.z_s = bounded_z(z_s);
  f.beat_fraction = std::isnan(beat_fraction) ? 0 : std::clamp(beat_fraction, 0.0, 1.0);
  return f;
}

}  // namespace kinship
