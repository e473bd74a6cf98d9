// Wall-clock helpers for records and manifests.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kinship {

// Current UTC time as ISO-8601 with milliseconds: "2026-11-28T23:05:01.123Z".
std::string UtcNowIso8601();
// `time` in the same form, written over *out (no allocation when *out has room for it).
void FormatUtcIso8601(std::chrono::system_clock::time_point time, std::string* out);

// A run id from the current UTC time plus a tag: "20261128-230501-demo".
std::string NewRunId(const std::string& tag);

// Milliseconds on a monotonic clock, for latencies and rates.
std::int64_t MonotonicMillis();

}  // namespace kinship
