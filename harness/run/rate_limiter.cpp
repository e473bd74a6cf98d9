#include "harness/run/rate_limiter.h"

#include <algorithm>

namespace kinship {

RateLimiter::RateLimiter(double requests_per_minute, double tokens_per_minute,
                         Clock::time_point now)
    : rpm_(requests_per_minute), tpm_(tokens_per_minute), requests_(requests_per_minute),
      tokens_(tokens_per_minute), last_(now) {}

void RateLimiter::Refill(Clock::time_point now) {
  double minutes = std::chrono::duration<double>(now - last_).count() / 60.0;
  if (minutes <= 0) return;
  last_ = now;
  if (rpm_ > 0) requests_ = std::min(rpm_, requests_ + minutes * rpm_);
  if (tpm_ > 0) tokens_ = std::min(tpm_, tokens_ + minutes * tpm_);
}

RateLimiter::Clock::duration RateLimiter::WaitFor(double tokens, Clock::time_point now) {
  Refill(now);
  double wait_minutes = 0;
  if (rpm_ > 0 && requests_ < 1) wait_minutes = (1 - requests_) / rpm_;
  if (tpm_ > 0) {
    // A request larger than the whole allowance may start once the bucket is full.
    double need = std::min(tokens, tpm_);
    if (tokens_ < need) wait_minutes = std::max(wait_minutes, (need - tokens_) / tpm_);
  }
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait_minutes * 60));
}

void RateLimiter::Acquire(double tokens, Clock::time_point now) {
  Refill(now);
  if (rpm_ > 0) requests_ -= 1;
  if (tpm_ > 0) tokens_ -= tokens;
}

void RateLimiter::Settle(double estimated_tokens, double actual_tokens) {
  if (tpm_ > 0 && actual_tokens >= 0) tokens_ += estimated_tokens - actual_tokens;
}

}  // namespace kinship
