// Requests-per-minute and tokens-per-minute limits for one model, as two token buckets
// refilled continuously (a full minute's allowance at most, so an idle model may burst
// that much). Token costs are estimates when a request starts and are corrected when the
// answer reports its usage. Not thread-safe: the scheduler holds its lock.
#pragma once

#include <chrono>

namespace kinship {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // 0 means unlimited.
  RateLimiter(double requests_per_minute, double tokens_per_minute, Clock::time_point now);

  // How long until a request estimated at `tokens` may start (zero: now).
  Clock::duration WaitFor(double tokens, Clock::time_point now);
  // Takes one request and `tokens` from the buckets (they may go negative for tokens).
  void Acquire(double tokens, Clock::time_point now);
  // Corrects the token bucket once the real usage is known.
  void Settle(double estimated_tokens, double actual_tokens);

 private:
  void Refill(Clock::time_point now);

  double rpm_;
  double tpm_;
  double requests_;  // available
  double tokens_;    // available
  Clock::time_point last_;
};

}  // namespace kinship
