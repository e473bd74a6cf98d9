#include "harness/run/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace kinship {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool IsRateLimited(const Completion& completion) {
  return !completion.ok && completion.error_kind == "http_429";
}

bool IsRetryable(const Completion& completion) {
  if (completion.ok) return false;
  const std::string& kind = completion.error_kind;
  if (kind == "http_429" || kind == "http_408" || StartsWith(kind, "http_5")) return true;
  return kind == "timeout" || kind == "connect" || kind == "reset" || kind == "dns";
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int failed_attempts,
                                       int retry_after_ms, double random_unit) {
  double ceiling = static_cast<double>(policy.base_delay.count()) *
                   std::pow(2.0, std::max(0, failed_attempts - 1));
  ceiling = std::min(ceiling, static_cast<double>(policy.max_delay.count()));
  auto jittered = static_cast<long long>(ceiling * std::clamp(random_unit, 0.0, 1.0));
  if (retry_after_ms >= 0) jittered = std::max<long long>(jittered, retry_after_ms);
  return std::chrono::milliseconds(jittered);
}

}  // namespace kinship
