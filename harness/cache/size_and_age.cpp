#include "harness/cache/size_and_age.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "harness/core/ascii_case.h"

namespace kinship {

namespace {

// Splits "1.5GiB" into 1.5 and "gib" (lower-cased, spaces between allowed). Only plain
// decimal digits with at most one point: no signs, exponents, "inf" or "nan".
std::optional<std::pair<double, std::string>> SplitNumber(std::string_view text) {
  std::size_t i = 0;
  bool digits = false;
  bool point = false;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
    ++i;
  }
  if (!digits) return std::nullopt;
  const double number = std::stod(std::string(text.substr(0, i)));
  while (i < text.size() && text[i] == ' ') ++i;
  return std::make_pair(number, AsciiLowerCopy(text.substr(i)));
}

}  // namespace

std::optional<std::chrono::seconds> ParseAge(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return std::nullopt;
  const auto& [number, unit] = *split;
  double seconds_per_unit = 0;
  if (unit == "s") seconds_per_unit = 1;
  if (unit == "m") seconds_per_unit = 60;
  if (unit == "h") seconds_per_unit = 3600;
  if (unit == "d") seconds_per_unit = 86400;
  if (unit == "w") seconds_per_unit = 7 * 86400;
  const double seconds = number * seconds_per_unit;
  // About 3000 years is plenty, and keeps the millisecond arithmetic far from overflow.
  if (seconds_per_unit == 0 || seconds <= 0 || seconds > 1e11) return std::nullopt;
  return std::chrono::seconds(static_cast<std::int64_t>(std::llround(seconds)));
}

std::optional<std::int64_t> ParseByteSize(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return std::nullopt;
  const auto& [number, unit] = *split;
  double scale = 0;
  if (unit.empty() || unit == "b") scale = 1;
  if (unit == "k" || unit == "kb") scale = 1e3;
  if (unit == "m" || unit == "mb") scale = 1e6;
  if (unit == "g" || unit == "gb") scale = 1e9;
  if (unit == "t" || unit == "tb") scale = 1e12;
  if (unit == "kib") scale = 1024.0;
  if (unit == "mib") scale = 1024.0 * 1024;
  if (unit == "gib") scale = 1024.0 * 1024 * 1024;
  if (unit == "tib") scale = 1024.0 * 1024 * 1024 * 1024;
  const double bytes = number * scale;
  if (scale == 0 || bytes > 9e18) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(bytes));
}

std::string FormatByteSize(std::int64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  static constexpr const char* kUnits[] = {"KB", "MB", "GB", "TB", "PB"};
  double value = static_cast<double>(bytes) / 1000;
  int unit = 0;
  while (value >= 999.95 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::string FormatAge(std::chrono::seconds age) {
  const std::int64_t s = age.count() < 0 ? 0 : age.count();
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m";
  if (s < 86400) return std::to_string(s / 3600) + "h";
  return std::to_string(s / 86400) + "d";
}

}  // namespace kinship
