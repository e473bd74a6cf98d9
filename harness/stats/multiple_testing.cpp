#include "harness/stats/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

double Clamp01(double p) { return std::min(1.0, std::max(0.0, p)); }

// Indices of the non-NaN entries, sorted by ascending p (stable, so ties keep input order).
std::vector<std::size_t> SortedValid(const std::vector<double>& p) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  return order;
}

// Valid (non-NaN) p-values with their weights normalised to sum 1.
void ValidWithWeights(const std::vector<double>& p, const std::vector<double>& weights,
                      std::vector<double>& out_p, std::vector<double>& out_w) {
  if (!weights.empty() && weights.size() != p.size()) {
    throw std::invalid_argument("p-value combination: weights and p-values differ in length");
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (std::isnan(p[i])) continue;
    const double w = weights.empty() ? 1.0 : weights[i];
    if (!(w >= 0)) throw std::invalid_argument("p-value combination: negative weight");
    if (w == 0) continue;
    out_p.push_back(Clamp01(p[i]));
    out_w.push_back(w);
  }
  const double sum = std::accumulate(out_w.begin(), out_w.end(), 0.0);
  for (double& w : out_w) w /= sum;
}

}  // namespace

std::vector<double> HolmAdjust(const std::vector<double>& p) {
  std::vector<double> adjusted(p.size(), kNaN);
  const std::vector<std::size_t> order = SortedValid(p);
  const double m = static_cast<double>(order.size());
  double running_max = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    // Step-down: the k-th smallest is compared with alpha / (m - k); monotonicity is
    // enforced so a larger raw p never gets a smaller adjusted p.
    running_max = std::max(running_max, std::min(1.0, (m - k) * Clamp01(p[order[k]])));
    adjusted[order[k]] = running_max;
  }
  return adjusted;
}

std::vector<double> BenjaminiHochbergAdjust(const std::vector<double>& p) {
  std::vector<double> adjusted(p.size(), kNaN);
  const std::vector<std::size_t> order = SortedValid(p);
  const double m = static_cast<double>(order.size());
  double running_min = 1;
  for (std::size_t k = order.size(); k-- > 0;) {
    running_min = std::min(running_min, m / (k + 1) * Clamp01(p[order[k]]));
    adjusted[order[k]] = running_min;
  }
  return adjusted;
}

double CauchyCombination(const std::vector<double>& p, const std::vector<double>& weights) {
  std::vector<double> valid_p, w;
  ValidWithWeights(p, weights, valid_p, w);
  if (valid_p.empty()) return kNaN;
  double t = 0;
  for (std::size_t i = 0; i < valid_p.size(); ++i) {
    const double pi = valid_p[i];
    if (pi == 0) return 0;  // an infinitely strong signal; also avoids inf - inf below
    // tan((0.5 - p) pi) = cot(p pi) = 1 / tan(p pi): exact for tiny p (no 0.5 - p
    // rounding), and for p > 0.5 we use -1 / tan((1 - p) pi) for the same reason.
    const double q = std::min(pi, 1 - 1e-15);
    const double term = q <= 0.5 ? 1.0 / std::tan(q * kPi) : -1.0 / std::tan((1 - q) * kPi);
    t += w[i] * term;
  }
  // p = 0.5 - arctan(t) / pi. For t > 0 use the identity pi/2 - arctan(t) = arctan(1/t),
  // which avoids the cancellation that would round p = 1e-300 to 0.
  if (t > 0) return std::atan(1.0 / t) / kPi;
  return 0.5 + std::atan(-t) / kPi;
}

double HarmonicMeanP(const std::vector<double>& p, const std::vector<double>& weights) {
  std::vector<double> valid_p, w;
  ValidWithWeights(p, weights, valid_p, w);
  if (valid_p.empty()) return kNaN;
  double denominator = 0;
  for (std::size_t i = 0; i < valid_p.size(); ++i) {
    if (valid_p[i] == 0) return 0;
    denominator += w[i] / valid_p[i];
  }
  return 1.0 / denominator;
}

double HarmonicMeanPValid(const std::vector<double>& p) {
  const double hmp = HarmonicMeanP(p);
  if (std::isnan(hmp)) return hmp;
  std::size_t count = 0;
  for (double x : p) count += std::isnan(x) ? 0 : 1;
  const double factor = count >= 3 ? std::exp(1.0) * std::log(static_cast<double>(count))
                                   : static_cast<double>(count);
  return std::min(1.0, factor * hmp);
}

double IntersectionUnionP(const std::vector<double>& p) {
  if (p.empty()) return kNaN;
  double worst = 0;
  for (double x : p) {
    if (std::isnan(x)) return kNaN;
    worst = std::max(worst, Clamp01(x));
  }
  return worst;
}

}  // namespace kinship
