#include "harness/signals/logistic_regression.h"
#include "harness/stats/auc.h"

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

TEST_CASE("AUC counts ties as one half") {
  CHECK(Auc({1, 2}, {0, 0}) == Approx(1.0));
  CHECK(Auc({1}, {1}) == Approx(0.5));
  CHECK(Auc({0}, {1, 0}) == Approx(0.25));
}

}  // namespace
}  // namespace kinship
