#include "harness/provenance/evidence_score.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kinship {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double ControlZ(double value, const std::vector<double>& reference) {
  double sum = 0;
  int n = 0;
  for (double x : reference) {
    if (!std::isnan(x)) sum += x, ++n;
  }
  if (n == 0 || std::isnan(value)) return kNaN;
  const double mean = sum / n;
  double squares = 0;
  for (double x : reference) {
    if (!std::isnan(x)) squares += (x - mean) * (x - mean);
  }
  const double floor = 0.1 * std::fabs(mean) + 1e-3;
  const double sd = n < 2 ? floor : std::max(std::sqrt(squares / (n - 1)), floor);
  return (value - mean) / sd;
}

double MeanSkippingNaN(const std::vector<double>& values) {
  double sum = 0;
  int n = 0;
  for (double x : values) {
    if (!std::isnan(x)) sum += x, ++n;
  }
  return n == 0 ? kNaN : sum / n;
}

double EvidenceZ(const std::vector<double>& z_scores) {
  double sum = 0;
  int n = 0;
  for (double z : z_scores) {
    if (!std::isnan(z)) sum += std::clamp(z, -5.0, 10.0), ++n;
  }
  return n == 0 ? kNaN : sum / n;
}

}  // namespace kinship
