#include "harness/provenance/evidence_score.h"

#include <cmath>

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("ControlZ standardises against the controls' mean and sample sd") {
  // refs 0.1, 0.2, 0.3: mean 0.2, sd 0.1 (above the floor 0.021); (0.45 - 0.2) / 0.1 = 2.5
  CHECK(ControlZ(0.45, {0.1, 0.2, 0.3}) == Approx(2.5));
  CHECK(ControlZ(0.2, {0.1, 0.2, 0.3}) == Approx(0.0).margin(1e-12));
  CHECK(ControlZ(0.0, {0.1, 0.2, 0.3}) == Approx(-2.0));
}

TEST_CASE("ControlZ floors the sd at 10% of the mean plus 0.001") {
  // refs 0.50, 0.50: sd 0, floor 0.1 * 0.5 + 0.001 = 0.051; (0.602 - 0.5) / 0.051 = 2
  CHECK(ControlZ(0.602, {0.5, 0.5}) == Approx(2.0));
  // One reference value: no sd at all, the floor stands in. (0.31 - 0.2) / 0.021
  CHECK(ControlZ(0.31, {0.2}) == Approx(0.11 / 0.021));
  // NaN references are skipped: the same as {0.1, 0.2, 0.3}.
  CHECK(ControlZ(0.45, {0.1, std::nan(""), 0.2, 0.3}) == Approx(2.5));
}

TEST_CASE("ControlZ is NaN without a value or a reference") {
  CHECK(std::isnan(ControlZ(std::nan(""), {0.1, 0.2})));
  CHECK(std::isnan(ControlZ(0.3, {})));
  CHECK(std::isnan(ControlZ(0.3, {std::nan("")})));
}

TEST_CASE("EvidenceZ is the mean of the z-scores clamped to [-5, 10]") {
  CHECK(EvidenceZ({1.0, 2.0, 3.0}) == Approx(2.0));
  // 14 -> 10 and -8 -> -5: (10 + (-5) + 1) / 3 = 2
  CHECK(EvidenceZ({14.0, -8.0, 1.0}) == Approx(2.0));
  CHECK(EvidenceZ({std::nan(""), 4.0}) == Approx(4.0));
  CHECK(std::isnan(EvidenceZ({})));
  CHECK(std::isnan(EvidenceZ({std::nan("")})));
}

}  // namespace
}  // namespace kinship
