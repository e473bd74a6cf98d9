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

void LogisticRegression::Scores(const SparseVector& x, std::vector<double>* scores) const {
  const std::size_t k = static_cast<std::size_t>(classes_);
  const std::size_t nonzeros = x.index.size();
  const std::uint32_t* index = x.index.data();
  const float* value = x.value.data();
  const float* weights = weights_.data();
  // Each class's sum runs in a local, in the order of the nonzeros: summed into
  // (*scores)[c] in memory, every addition waited for the store of the one before (most of
  // the training time), and the order is what keeps the values identical to that.
  if (k == 2) {  // the binary separability classifiers: both sums in one pass
    double s0 = bias_[0], s1 = bias_[1];
    for (std::size_t n = 0; n < nonzeros; ++n) {
      const float* row = weights + static_cast<std::size_t>(index[n]) * 2;
      s0 += scale_ * row[0] * value[n];
      s1 += scale_ * row[1] * value[n];
    }
    (*scores)[0] = s0;
    (*scores)[1] = s1;
    return;
  }
  for (std::size_t c = 0; c < k; ++c) {
    double sum = bias_[c];
    for (std::size_t n = 0; n < nonzeros; ++n) {
      sum += scale_ * weights[static_cast<std::size_t>(index[n]) * k + c] * value[n];
    }
    (*scores)[c] = sum;
  }
}

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
  std::vector<double> steps(k);
  double t = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      const SparseVector& v = *x[i];
      const std::size_t nonzeros = v.index.size();
      const std::uint32_t* index = v.index.data();
      const float* value = v.value.data();
      const double eta = options.learning_rate / (1 + options.learning_rate * options.l2 * t);
      t += 1;
      Scores(v, &scores);
      Softmax(&scores);
      // Shrink first (w <- (1 - eta l2) w via the scale), then the data gradient.
      scale_ *= (1 - eta * options.l2);
      for (std::size_t c = 0; c < k; ++c) {
        const double gradient = scores[c] - (static_cast<int>(c) == y[i] ? 1.0 : 0.0);
        bias_[c] -= eta * gradient;
        steps[c] = eta * gradient / scale_;
      }
      // One pass over the rows (each weight still gets exactly the update it got class by
      // class): the rows are scattered over the table, so touching each once halves the
      // cache misses of the step.
      float* weights = weights_.data();
      if (k == 2) {
        const double step0 = steps[0], step1 = steps[1];
        for (std::size_t n = 0; n < nonzeros; ++n) {
          float* row = weights + static_cast<std::size_t>(index[n]) * 2;
          row[0] -= static_cast<float>(step0 * value[n]);
          row[1] -= static_cast<float>(step1 * value[n]);
        }
      } else {
        for (std::size_t n = 0; n < nonzeros; ++n) {
          float* row = weights + static_cast<std::size_t>(index[n]) * k;
          for (std::size_t c = 0; c < k; ++c) row[c] -= static_cast<float>(steps[c] * value[n]);
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
  std::vector<double> scores(k);
  Scores(x, &scores);
  Softmax(&scores);
  return scores;
}

}  // namespace kinship
