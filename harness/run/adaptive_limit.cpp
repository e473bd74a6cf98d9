#include "harness/run/adaptive_limit.h"

#include <algorithm>

namespace kinship {

AdaptiveLimit::AdaptiveLimit(int ceiling, Clock::duration cooldown)
    : ceiling_(std::max(1, ceiling)), limit_(std::max(1, ceiling)), cooldown_(cooldown) {}

void AdaptiveLimit::OnSuccess() { limit_ = std::min(ceiling_, limit_ + 1.0 / limit_); }

void AdaptiveLimit::OnRateLimited(Clock::time_point now) {
  if (decreased_ && now - last_decrease_ < cooldown_) return;
  decreased_ = true;
  last_decrease_ = now;
  limit_ = std::max(1.0, limit_ / 2);
}

}  // namespace kinship
