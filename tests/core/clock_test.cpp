#include "harness/core/clock.h"

#include <regex>

#include <catch2/catch.hpp>

using namespace kinship;

TEST_CASE("UtcNowIso8601 writes ISO-8601 UTC with milliseconds, call after call",
          "[clock]") {
  const std::regex format(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  // Many calls: most reuse the per-second prefix, some cross into a new second.
  for (int i = 0; i < 2000; ++i) {
    const std::string stamp = UtcNowIso8601();
    INFO(stamp);
    REQUIRE(std::regex_match(stamp, format));
  }
}
