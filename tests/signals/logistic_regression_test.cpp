#include "harness/signals/logistic_regression.h"
#include "harness/stats/auc.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <catch2/catch.hpp>

namespace kinship {
namespace {

SparseVector Point(std::uint32_t feature, float noise_feature) {
  SparseVector v;
  v.index = {feature, 1000};
  v.value = {1.0f, noise_feature};
  return v;
}

TEST_CASE("logistic regression separates a separable toy problem, deterministically") {
  std::vector<SparseVector> data;
  std::vector<int> y;
  for (int i = 0; i < 40; ++i) {
    data.push_back(Point(i % 2 == 0 ? 1 : 2, 0.5f));
    y.push_back(i % 2);
  }
  std::vector<const SparseVector*> x;
  for (const auto& v : data) x.push_back(&v);
  LogisticRegression model;
  model.Fit(x, y, 2);
  CHECK(model.Predict(Point(1, 0.5f))[0] > 0.9);
  CHECK(model.Predict(Point(2, 0.5f))[1] > 0.9);
  LogisticRegression again;
  again.Fit(x, y, 2);
  CHECK(again.Predict(Point(1, 0.5f))[0] == model.Predict(Point(1, 0.5f))[0]);
}

TEST_CASE("on noise, held-out AUC is near one half") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::uint32_t> feature(0, 5000);
  auto random_point = [&] {
    SparseVector v;
    for (int k = 0; k < 20; ++k) v.index.push_back(feature(rng));
    std::sort(v.index.begin(), v.index.end());
    v.index.erase(std::unique(v.index.begin(), v.index.end()), v.index.end());
    v.value.assign(v.index.size(), 0.2f);
    return v;
  };
  std::vector<SparseVector> train;
  std::vector<int> y;
  for (int i = 0; i < 400; ++i) {
    train.push_back(random_point());
    y.push_back(i % 2);
  }
  std::vector<const SparseVector*> x;
  for (const auto& v : train) x.push_back(&v);
  LogisticRegression model;
  model.Fit(x, y, 2);
  std::vector<double> positives;
  std::vector<double> negatives;
  for (int i = 0; i < 400; ++i) {
    (i % 2 ? positives : negatives).push_back(model.Predict(random_point())[1]);
  }
  const double auc = Auc(positives, negatives);
  CHECK(auc > 0.4);
  CHECK(auc < 0.6);
}

// The SGD of logistic_regression.h written the plain way, class by class through memory:
// Fit's class-specialised loops must give the same doubles, bit for bit, because the
// calibration map and the benchmark figures were measured with these values.
std::vector<double> ReferencePrediction(const std::vector<const SparseVector*>& x,
                                        const std::vector<int>& y, std::size_t k,
                                        const SparseVector& query) {
  const LogisticOptions options;
  std::vector<float> w(static_cast<std::size_t>(kStyleDimensions) * k, 0.0f);
  std::vector<double> bias(k, 0.0);
  double scale = 1;
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  auto scores_of = [&](const SparseVector& v) {
    std::vector<double> scores(bias);
    for (std::size_t n = 0; n < v.index.size(); ++n) {
      for (std::size_t c = 0; c < k; ++c) scores[c] += scale * w[v.index[n] * k + c] * v.value[n];
    }
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0;
    for (double& s : scores) s = std::exp(s - top), sum += s;
    for (double& s : scores) s /= sum;
    return scores;
  };
  double t = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      const SparseVector& v = *x[i];
      const double eta = options.learning_rate / (1 + options.learning_rate * options.l2 * t);
      t += 1;
      const std::vector<double> scores = scores_of(v);
      scale *= (1 - eta * options.l2);
      for (std::size_t c = 0; c < k; ++c) {
        const double gradient = scores[c] - (static_cast<int>(c) == y[i] ? 1.0 : 0.0);
        bias[c] -= eta * gradient;
        for (std::size_t n = 0; n < v.index.size(); ++n) {
          w[v.index[n] * k + c] -= static_cast<float>(eta * gradient / scale * v.value[n]);
        }
      }
      if (scale < 1e-6) {
        for (float& weight : w) weight = static_cast<float>(weight * scale);
        scale = 1;
      }
    }
  }
  return scores_of(query);
}

TEST_CASE("Fit gives exactly the plain SGD's model, for two classes and for more") {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::uint32_t> feature(0, kStyleDimensions - 1);
  std::uniform_real_distribution<float> weight(0.01f, 0.5f);
  for (int classes : {2, 3}) {
    std::vector<SparseVector> data;
    std::vector<int> y;
    for (int i = 0; i < 300; ++i) {
      SparseVector v;
      // A class-specific feature, so the weights grow and the scale is folded back in.
      v.index.push_back(static_cast<std::uint32_t>(i % classes));
      for (int n = 0; n < 60; ++n) v.index.push_back(feature(rng));
      std::sort(v.index.begin(), v.index.end());
      v.index.erase(std::unique(v.index.begin(), v.index.end()), v.index.end());
      for (std::size_t n = 0; n < v.index.size(); ++n) v.value.push_back(weight(rng));
      data.push_back(std::move(v));
      y.push_back(i % classes);
    }
    std::vector<const SparseVector*> x;
    for (const auto& v : data) x.push_back(&v);
    LogisticRegression model;
    model.Fit(x, y, classes);
    for (int q = 0; q < 10; ++q) {
      const std::vector<double> expected =
          ReferencePrediction(x, y, static_cast<std::size_t>(classes), data[static_cast<std::size_t>(q)]);
      const std::vector<double> got = model.Predict(data[static_cast<std::size_t>(q)]);
      REQUIRE(got.size() == expected.size());
      for (std::size_t c = 0; c < got.size(); ++c) CHECK(got[c] == expected[c]);
    }
  }
}

TEST_CASE("AUC counts ties as one half") {
  CHECK(Auc({1, 2}, {0, 0}) == Approx(1.0));
  CHECK(Auc({1}, {1}) == Approx(0.5));
  CHECK(Auc({0}, {1, 0}) == Approx(0.25));
}

}  // namespace
}  // namespace kinship
