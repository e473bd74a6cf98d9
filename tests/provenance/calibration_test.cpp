#include "harness/provenance/calibration.h"

#include <cmath>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace kinship {
namespace {

TEST_CASE("the compiled-in calibration equals the shipped data file") {
  std::ifstream in(std::string(KINSHIP_SOURCE_DIR) + "/harness/provenance/data/calibration.json");
  REQUIRE(in.good());
  const auto data = nlohmann::json::parse(in);
  const CalibrationMap& map = BuiltinCalibration();
  CHECK(data["coefficients"]["intercept"].get<double>() == Approx(map.intercept).margin(1e-9));
  CHECK(data["coefficients"]["evidence_z"].get<double>() == Approx(map.w_evidence_z).margin(1e-9));
  CHECK(data["fitted_on"].get<std::string>() == map.fitted_on);
}

TEST_CASE("the calibrated probability never falls when the evidence rises") {
  const CalibrationMap& map = BuiltinCalibration();
  CHECK(map.w_evidence_z > 0);
  double previous = 0;
  for (double z = -5; z <= 10; z += 0.5) {
    const double p = map.Probability(MakeCalibrationFeatures(z, 1.0, 0, 0));
    CHECK(p >= previous);
    previous = p;
  }
  CHECK(map.Probability(MakeCalibrationFeatures(6, 1.0, 0, 0)) > 0.9);
  CHECK(map.Probability(MakeCalibrationFeatures(-2, 1.0, 0, 0)) < 0.5);
}

TEST_CASE("the probability reads only the evidence score") {
  const CalibrationMap map{-0.5, 2.0, "hand-made"};
  // 1 / (1 + exp(-(-0.5 + 2 * 1.25))) = 1 / (1 + exp(-2))
  const CalibrationFeatures a = MakeCalibrationFeatures(1.25, 1e-4, 3, 1);
  const CalibrationFeatures b = MakeCalibrationFeatures(1.25, 1.0, -3, 0);
  CHECK(map.Score(a) == Approx(2.0));
  CHECK(map.Probability(a) == Approx(1 / (1 + std::exp(-2.0))));
  CHECK(map.Probability(b) == map.Probability(a));
}

TEST_CASE("calibration features are bounded as documented") {
  const auto f = MakeCalibrationFeatures(12, 1e-300, 50, 2.0);
  CHECK(f.evidence_z == 10.0);
  CHECK(f.neg_log10_p == 4.0);
  CHECK(f.z_s == 10.0);
  CHECK(f.beat_fraction == 1.0);
  const auto g = MakeCalibrationFeatures(std::nan(""), std::nan(""), -9, -1);
  CHECK(g.evidence_z == 0.0);
  CHECK(g.neg_log10_p == 0.0);
  CHECK(g.z_s == -5.0);
  CHECK(g.beat_fraction == 0.0);
  CHECK(MakeCalibrationFeatures(-7, 0.01, 0, 0).evidence_z == -5.0);
  CHECK(MakeCalibrationFeatures(0, 0.01, 0, 0).neg_log10_p == Approx(2.0));
}

}  // namespace
}  // namespace kinship
