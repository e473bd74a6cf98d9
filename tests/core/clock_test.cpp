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

TEST_CASE("FormatUtcIso8601 writes a given time over the text it is given", "[clock]") {
  using std::chrono::milliseconds;
  using std::chrono::system_clock;
  std::string out = "an earlier, longer text that is replaced";
  const auto time = system_clock::time_point(milliseconds(1'795'000'000'123LL));
  FormatUtcIso8601(time, &out);
  CHECK(out == "2026-11-18T11:06:40.123Z");
  // Alternating seconds (the engine's start and finish stamps) each get their own prefix.
  FormatUtcIso8601(time + milliseconds(1'000), &out);
  CHECK(out == "2026-11-18T11:06:41.123Z");
  FormatUtcIso8601(time + milliseconds(5), &out);
  CHECK(out == "2026-11-18T11:06:40.128Z");
}

TEST_CASE("FormatUtcIso8601 floors times before the epoch", "[clock]") {
  using std::chrono::milliseconds;
  using std::chrono::system_clock;
  std::string out;
  FormatUtcIso8601(system_clock::time_point(milliseconds(-1'500)), &out);
  CHECK(out == "1969-12-31T23:59:58.500Z");
  FormatUtcIso8601(system_clock::time_point(milliseconds(-1)), &out);
  CHECK(out == "1969-12-31T23:59:59.999Z");
  FormatUtcIso8601(system_clock::time_point(milliseconds(-1'000)), &out);
  CHECK(out == "1969-12-31T23:59:59.000Z");
  FormatUtcIso8601(system_clock::time_point(milliseconds(0)), &out);
  CHECK(out == "1970-01-01T00:00:00.000Z");
}
