// Multinomial logistic regression with L2 regularisation on sparse features
// (stylometric_features.h), trained by plain SGD over a seeded shuffle: deterministic for a
// given seed and input order, no threads. The L2 shrinkage is applied lazily through a global
// scale factor, so one step costs O(nonzeros x classes) rather than O(dimensions).
// Also AUC by the Mann-Whitney statistic. Not thread-safe to Fit concurrently on one object;
// const calls are thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "harness/signals/stylometric_features.h"

namespace kinship {

struct LogisticOptions {
  double l2 = 1e-4;           // per example, as in lambda/2 * |w|^2 averaged per step
  int epochs = 8;
  double learning_rate = 0.5;  // eta_t = eta_0 / (1 + eta_0 * l2 * t)
  std::uint64_t seed = 0x6b696e73686970ULL;
};

class LogisticRegression {
 public:
  // y[i] in [0, classes). classes >= 2. x's pointers need only live during Fit.
  void Fit(const std::vector<const SparseVector*>& x, const std::vector<int>& y, int classes,
           const LogisticOptions& options = {});
  // Class probabilities (softmax); uniform before Fit.
  std::vector<double> Predict(const SparseVector& x) const;
  int Classes() const { return classes_; }

 private:
  // (*scores)[c] = bias + the weighted sum of x's features for class c (before softmax).
  // REQUIRES: scores->size() == classes_.
  void Scores(const SparseVector& x, std::vector<double>* scores) const;

  int classes_ = 0;
  std::vector<float> weights_;  // dimension-major: weights_[d * classes_ + c]
  std::vector<double> bias_;
  double scale_ = 1;
};

}  // namespace kinship
