#include "harness/run/rate_limiter.h"

#include <catch2/catch.hpp>

using kinship::RateLimiter;
using namespace std::chrono_literals;

TEST_CASE("An unlimited RateLimiter never waits", "[rate_limiter]") {
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  RateLimiter limiter(0, 0, t0);
  for (int i = 0; i < 1000; ++i) {
    CHECK(limiter.WaitFor(1e6, t0) == RateLimiter::Clock::duration::zero());
    limiter.Acquire(1e6, t0);
  }
}

TEST_CASE("Requests per minute: a full minute's burst, then one per 1/rpm", "[rate_limiter]") {
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  RateLimiter limiter(60, 0, t0);  // one per second
  for (int i = 0; i < 60; ++i) {
    REQUIRE(limiter.WaitFor(1, t0) == RateLimiter::Clock::duration::zero());
    limiter.Acquire(1, t0);
  }
  auto wait = limiter.WaitFor(1, t0);
  CHECK(wait > 990ms);
  CHECK(wait < 1010ms);
  CHECK(limiter.WaitFor(1, t0 + 1s) == RateLimiter::Clock::duration::zero());
}

TEST_CASE("Tokens per minute: estimates are charged and settled with real usage", "[rate_limiter]") {
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  RateLimiter limiter(0, 6000, t0);  // 100 tokens per second
  limiter.Acquire(5000, t0);
  CHECK(limiter.WaitFor(1000, t0) == RateLimiter::Clock::duration::zero());
  limiter.Acquire(1000, t0);
  auto wait = limiter.WaitFor(500, t0);
  CHECK(wait > 4900ms);
  CHECK(wait < 5100ms);
  limiter.Settle(5000, 1000);  // the first request used far less than estimated
  CHECK(limiter.WaitFor(500, t0) == RateLimiter::Clock::duration::zero());
  // A request bigger than a minute's allowance waits for a full bucket, not forever.
  RateLimiter small(0, 100, t0);
  small.Acquire(100, t0);
  auto big = small.WaitFor(1e9, t0);
  CHECK(big > 59s);
  CHECK(big < 61s);
}
