#include "harness/signals/log_odds.h"

#include <cmath>

namespace kinship {

LogOdds InformativeLogOdds(double y_i, double n_i, double y_j, double n_j, double alpha_w,
                           double alpha_0) {
  LogOdds out;
  out.delta = std::log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) -
              std::log((y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w));
  out.variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w);
  out.z = out.delta / std::sqrt(out.variance);
  return out;
}

}  // namespace kinship
