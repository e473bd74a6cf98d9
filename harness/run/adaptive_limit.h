// Adaptive concurrency for one model (AIMD, as TCP and promptfoo do): the number of
// requests allowed in flight halves on a rate-limit answer -- at most once per `cooldown`,
// so one burst of 429s counts once -- and grows back by one for each `current` successes,
// up to the configured ceiling. The user sets only the ceiling. Not thread-safe.
#pragma once

#include <chrono>

namespace kinship {

class AdaptiveLimit {
 public:
  using Clock = std::chrono::steady_clock;

  explicit AdaptiveLimit(int ceiling, Clock::duration cooldown = std::chrono::seconds(1));

  int current() const { return static_cast<int>(limit_); }
  void OnSuccess();
  void OnRateLimited(Clock::time_point now);

 private:
  double ceiling_;
  double limit_;
  Clock::duration cooldown_;
  Clock::time_point last_decrease_{};
  bool decreased_ = false;
};

}  // namespace kinship
