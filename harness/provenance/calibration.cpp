#include "harness/provenance/calibration.h"

#include <algorithm>
#include <cmath>

namespace kinship {

double CalibrationMap::Score(const CalibrationFeatures& f) const {
  return intercept + w_neg_log10_p * f.neg_log10_p + w_hub_z * f.hub_z +
         w_beat_fraction * f.beat_fraction;
}

double CalibrationMap::Probability(const CalibrationFeatures& f) const {
  return 1.0 / (1.0 + std::exp(-Score(f)));
}

const CalibrationMap& BuiltinCalibration() {
  // Keep equal to data/calibration.json (tests/provenance/calibration_test.cpp checks).
  static const CalibrationMap kMap = {
      -4.0, 0.5, 0.5, 1.0,
      "placeholder"};
  return kMap;
}

CalibrationFeatures MakeCalibrationFeatures(double combined_p, double z_s, double z_t,
                                            double beat_fraction) {
  CalibrationFeatures f;
  const double p = std::isnan(combined_p) ? 1.0 : std::clamp(combined_p, 1e-300, 1.0);
  f.neg_log10_p = std::min(4.0, -std::log10(p));
  double z = std::min(z_s, z_t);
  if (std::isnan(z)) z = 0;
  f.hub_z = std::clamp(z, -5.0, 10.0);
  f.beat_fraction = std::isnan(beat_fraction) ? 0 : std::clamp(beat_fraction, 0.0, 1.0);
  return f;
}

}  // namespace kinship
