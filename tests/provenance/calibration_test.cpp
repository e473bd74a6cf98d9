#include "harness/provenance/calibration.h"

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
  CHECK(data["coefficients"]["neg_log10_p"].get<double>() == Approx(map.w_neg_log10_p).margin(1e-9));
  CHECK(data["coefficients"]["z_s"].get<double>() == Approx(map.w_z_s).margin(1e-9));
  CHECK(data["coefficients"]["beat_fraction"].get<double>() ==
        Approx(map.w_beat_fraction).margin(1e-9));
}

TEST_CASE("the calibrated probability never falls when the evidence rises") {
  const CalibrationMap& map = BuiltinCalibration();
  CHECK(map.w_neg_log10_p >= 0);
  CHECK(map.w_z_s >= 0);
  CHECK(map.w_beat_fraction >= 0);
  const double weak = map.Probability(MakeCalibrationFeatures(0.5, 0.1, 0.0));
  const double strong = map.Probability(MakeCalibrationFeatures(1e-4, 6, 1.0));
  CHECK(strong > weak);
  CHECK(strong > 0.9);
  CHECK(weak < 0.5);
}

TEST_CASE("calibration features are bounded as documented") {
  const auto f = MakeCalibrationFeatures(1e-300, 50, 2.0);
  CHECK(f.neg_log10_p == 4.0);
  CHECK(f.z_s == 10.0);
  CHECK(f.beat_fraction == 1.0);
  const auto g = MakeCalibrationFeatures(std::nan(""), -9, -1);
  CHECK(g.neg_log10_p == 0.0);
  CHECK(g.z_s == -5.0);
  CHECK(g.beat_fraction == 0.0);
}

}  // namespace
}  // namespace kinship
