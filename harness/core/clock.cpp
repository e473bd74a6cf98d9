#include "harness/core/clock.h"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace kinship {

namespace {

std::tm UtcParts(std::chrono::system_clock::time_point now) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return parts;
}

}  // namespace

std::string UtcNowIso8601() {
  auto now = std::chrono::system_clock::now();
  std::tm t = UtcParts(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.tm_year + 1900, t.tm_mon + 1,
                     t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, millis);
}

std::string NewRunId(const std::string& tag) {
  std::tm t = UtcParts(std::chrono::system_clock::now());
  std::string id = fmt::format("{:04}{:02}{:02}-{:02}{:02}{:02}", t.tm_year + 1900, t.tm_mon + 1,
                               t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  if (!tag.empty()) id += "-" + tag;
  return id;
}

std::int64_t MonotonicMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace kinship
