#include "harness/analysis/relative_nearest.h"

#include <cmath>
#include <limits>

namespace kinship {

namespace {

// Standard deviation of the defined off-diagonal pair means; 1 when it cannot scale.
double Spread(const MeasureMatrix& matrix) {
  double sum = 0, sum_squares = 0;
  int count = 0;
  for (std::size_t a = 0; a < matrix.models; ++a) {
    for (std::size_t b = a + 1; b < matrix.models; ++b) {
      const double v = matrix.Mean(a, b);
      if (std::isnan(v)) continue;
      sum += v;
      sum_squares += v * v;
      ++count;
    }
  }
  if (count < 2) return 1.0;
  const double mean = sum / count;
  const double variance = (sum_squares - count * mean * mean) / (count - 1);
  return variance > 1e-24 ? std::sqrt(variance) : 1.0;
}

}  // namespace

NearestTable RelativeNearest(const PanelSimilarity& similarity) {
  NearestTable table;
  const std::size_t models = similarity.models.size();
  if (models < 3) {
    table.insufficient_panel = true;
    return table;
  }
  std::vector<double> spreads;
  for (const MeasureMatrix& matrix : similarity.measures) spreads.push_back(Spread(matrix));

  for (std::size_t x = 0; x < models; ++x) {
    NearestRow row;
    row.model = similarity.models[x];
    double best = -std::numeric_limits<double>::infinity();
    double second = best;
    double best_raw = best;
    int best_y = -1, second_y = -1, raw_y = -1;
    for (std::size_t y = 0; y < models; ++y) {
      if (y == x) continue;
      double excess_sum = 0, raw_sum = 0;
      int excess_n = 0, raw_n = 0;
      for (std::size_t m = 0; m < similarity.measures.size(); ++m) {
        const MeasureMatrix& matrix = similarity.measures[m];
        const double xy = matrix.Mean(x, y);
        if (std::isnan(xy)) continue;
        raw_sum += xy / spreads[m];
        ++raw_n;
        double rest = 0;
        int rest_n = 0;
        for (std::size_t z = 0; z < models; ++z) {
          if (z == x || z == y || std::isnan(matrix.Mean(z, y))) continue;
          rest += matrix.Mean(z, y);
          ++rest_n;
        }
        if (rest_n == 0) continue;
        excess_sum += (xy - rest / rest_n) / spreads[m];
        ++excess_n;
      }
      if (raw_n > 0 && raw_sum / raw_n > best_raw) {
        best_raw = raw_sum / raw_n;
        raw_y = static_cast<int>(y);
      }
      if (excess_n == 0) continue;
      const double excess = excess_sum / excess_n;
      if (excess > best) {
        second = best;
        second_y = best_y;
        best = excess;
        best_y = static_cast<int>(y);
      } else if (excess > second) {
        second = excess;
        second_y = static_cast<int>(y);
      }
    }
    if (raw_y >= 0) row.raw_nearest = similarity.models[raw_y];
    if (best_y >= 0) {
      row.found = true;
      row.closest = similarity.models[best_y];
      row.excess = best;
      if (second_y >= 0) {
        row.runner_up = similarity.models[second_y];
        row.runner_up_excess = second;
        row.margin = best - second;
      }
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace kinship
