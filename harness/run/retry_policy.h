// When a failed attempt is tried again, and after how long.
//
// Retried: HTTP 429, 408 and 5xx answers, timeouts, and connection-level failures (reset,
// refused, DNS). Not retried: other 4xx (the request itself is wrong), TLS verification
// failures, oversized or unparseable answers -- trying again would give the same result.
// Back-off is capped exponential with full jitter (a uniform draw in [0, min(cap, base*2^k)]),
// and never shorter than what the server asked for in Retry-After.
#pragma once

#include <chrono>
#include <cstdint>

#include "harness/core/adapter.h"

namespace kinship {

struct RetryPolicy {
  int max_attempts = 5;                           // including the first
  std::chrono::milliseconds base_delay{1000};
  std::chrono::milliseconds max_delay{60000};
};

// True when the failure is transient (see above).
bool IsRetryable(const Completion& completion);
// True for a rate-limit answer (HTTP 429): the scheduler also slows down.
bool IsRateLimited(const Completion& completion);

// The wait before attempt `failed_attempts + 1`. `random_unit` is a uniform draw in [0, 1)
// (injected so tests are exact); `retry_after_ms` < 0 means the server gave none.
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int failed_attempts,
                                       int retry_after_ms, double random_unit);

}  // namespace kinship
