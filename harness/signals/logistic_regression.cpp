#include "harness/signals/logistic_regression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace kinship {

namespace {

void Softmax(std::vector<double>* scores) {
  const double top = *std::max_element(scores->begin(), scores->end());
  double sum = 0;
  for (double& s : *scores) {
    s = std::exp(s - top);
    sum += s;
  }
  for (double& s : *scores) s /= sum;
}

}  // namespace

void LogisticRegression::Fit(const std::vector<const SparseVector*>& x, const std::vector<int>& y,
                             int classes, const LogisticOptions& options) {
  classes_ = classes;
  const std::size_t k = static_cast<std::size_t>(classes);
  weights_.assign(static_cast<std::size_t>(kStyleDimensions) * k, 0.0f);
  bias_.assign(k, 0.0);
  scale_ = 1;
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::vector<double> scores(k);
  double t = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      const SparseVector& v = *x[i];
      const double eta = options.learning_rate / (1 + options.learning_rate * options.l2 * t);
      t += 1;
      for (std::size_t c = 0; c < k; ++c) scores[c] = bias_[c];
      for (std::size_t n = 0; n < v.index.size(); ++n) {
        const float* row = &weights_[static_cast<std::size_t>(v.index[n]) * k];
        for (std::size_t c = 0; c < k; ++c) scores[c] += scale_ * row[c] * v.value[n];
      }
      Softmax(&scores);
      // Shrink first (w <- (1 - eta l2) w via the scale), then the data gradient.
      scale_ *= (1 - eta * options.l2);
      for (std::size_t c = 0; c < k; ++c) {
        const double gradient = scores[c] - (static_cast<int>(c) == y[i] ? 1.0 : 0.0);
        bias_[c] -= eta * gradient;
        const double step = eta * gradient / scale_;
        for (std::size_t n = 0; n < v.index.size(); ++n) {
          weights_[static_cast<std::size_t>(v.index[n]) * k + c] -=
              static_cast<float>(step * v.value[n]);
        }
      }
      if (scale_ < 1e-6) {  // fold the scale back in before it underflows
        for (float& w : weights_) w = static_cast<float>(w * scale_);
        scale_ = 1;
      }
    }
  }
}

std::vector<double> LogisticRegression::Predict(const SparseVector& x) const {
  const std::size_t k = static_cast<std::size_t>(classes_);
  if (k == 0) return {};
  std::vector<double> scores(bias_);
  for (std::size_t n = 0; n < x.index.size(); ++n) {
    const float* row = &weights_[static_cast<std::size_t>(x.index[n]) * k];
    for (std::size_t c = 0; c < k; ++c) scores[c] += scale_ * row[c] * x.value[n];
  }
  Softmax(&scores);
  return scores;
}

}  // namespace kinship
