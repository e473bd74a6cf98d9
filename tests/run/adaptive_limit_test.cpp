#include "harness/run/adaptive_limit.h"

#include <catch2/catch.hpp>

using kinship::AdaptiveLimit;
using namespace std::chrono_literals;

TEST_CASE("AdaptiveLimit halves on 429 once per cooldown and regrows additively", "[adaptive_limit]") {
  AdaptiveLimit limit(32, 1s);
  auto t0 = AdaptiveLimit::Clock::time_point{} + 1h;
  CHECK(limit.current() == 32);
  limit.OnRateLimited(t0);
  CHECK(limit.current() == 16);
  limit.OnRateLimited(t0 + 100ms);  // the same burst
  CHECK(limit.current() == 16);
  limit.OnRateLimited(t0 + 2s);
  CHECK(limit.current() == 8);
  // Each success adds 1/current: about one more slot per `current` successes.
  for (int i = 0; i < 8; ++i) limit.OnSuccess();
  CHECK(limit.current() == 8);  // 8 + 1/8 + 1/8.125 + ... < 9
  limit.OnSuccess();
  CHECK(limit.current() == 9);
  for (int i = 0; i < 10000; ++i) limit.OnSuccess();
  CHECK(limit.current() == 32);  // never above the ceiling
  for (int k = 0; k < 20; ++k) limit.OnRateLimited(t0 + std::chrono::seconds(10 + 2 * k));
  CHECK(limit.current() == 1);   // never below one
}
