#include "harness/run/retry_policy.h"

#include <catch2/catch.hpp>

using namespace kinship;

namespace {

Completion Failure(const std::string& kind) {
  Completion c;
  c.error = "x";
  c.error_kind = kind;
  return c;
}

}  // namespace

TEST_CASE("Transient failures are retryable; the request's own faults are not", "[retry_policy]") {
  for (const char* kind : {"http_429", "http_408", "http_500", "http_502", "http_503", "http_529",
                           "timeout", "connect", "reset", "dns"}) {
    INFO(kind);
    CHECK(IsRetryable(Failure(kind)));
  }
  for (const char* kind : {"http_400", "http_401", "http_404", "tls", "too_large", "bad_response",
                           "protocol", "bad_url", "not_recorded"}) {
    INFO(kind);
    CHECK_FALSE(IsRetryable(Failure(kind)));
  }
  Completion ok;
  ok.ok = true;
  CHECK_FALSE(IsRetryable(ok));
  CHECK(IsRateLimited(Failure("http_429")));
  CHECK_FALSE(IsRateLimited(Failure("http_503")));
}

TEST_CASE("Back-off is capped exponential with full jitter, never under Retry-After", "[retry_policy]") {
  RetryPolicy policy;
  policy.base_delay = std::chrono::milliseconds(100);
  policy.max_delay = std::chrono::milliseconds(1000);
  using std::chrono::milliseconds;
  CHECK(BackoffDelay(policy, 1, -1, 0.5) == milliseconds(50));    // U * 100
  CHECK(BackoffDelay(policy, 2, -1, 0.5) == milliseconds(100));   // U * 200
  CHECK(BackoffDelay(policy, 3, -1, 1.0) == milliseconds(400));
  CHECK(BackoffDelay(policy, 10, -1, 1.0) == milliseconds(1000)); // capped
  CHECK(BackoffDelay(policy, 1, -1, 0.0) == milliseconds(0));     // full jitter reaches 0
  CHECK(BackoffDelay(policy, 1, 3000, 0.5) == milliseconds(3000)); // server asked for more
  CHECK(BackoffDelay(policy, 3, 10, 1.0) == milliseconds(400));
}
