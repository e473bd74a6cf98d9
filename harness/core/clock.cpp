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
  std::string stamp;
  FormatUtcIso8601(std::chrono::system_clock::now(), &stamp);
  return stamp;
}

void FormatUtcIso8601(std::chrono::system_clock::time_point time, std::string* out) {
  // Floored, not truncated: 1.5 s before the epoch is 23:59:58.500, not 23:59:59.500.
  const auto floored = std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch());
  const auto whole = std::chrono::floor<std::chrono::seconds>(floored);
  const std::time_t seconds = static_cast<std::time_t>(whole.count());
  const int ms = static_cast<int>((floored - whole).count());
  // The engine stamps every record twice; the date and time change once a second, so they
  // are formatted once a second (per thread) and only the milliseconds each time.
  thread_local bool cached = false;
  thread_local std::time_t cached_seconds = 0;
  thread_local std::string cached_prefix;  // "YYYY-MM-DDTHH:MM:SS."
  if (!cached || seconds != cached_seconds) {
    std::tm t{};
    gmtime_r(&seconds, &t);
    const int year = t.tm_year + 1900;
    if (year >= 0 && year <= 9999) {
      // Digits by hand: fmt::format cost ~4,000 instructions, and when a record's start and
      // finish stamps fall in different seconds they refill the prefix call after call.
      char text[] = "YYYY-MM-DDTHH:MM:SS.";
      auto two_digits = [&text](std::size_t at, int value) {
        text[at] = static_cast<char>('0' + value / 10);
        text[at + 1] = static_cast<char>('0' + value % 10);
      };
      two_digits(0, year / 100);
      two_digits(2, year % 100);
      two_digits(5, t.tm_mon + 1);
      two_digits(8, t.tm_mday);
      two_digits(11, t.tm_hour);
      two_digits(14, t.tm_min);
      two_digits(17, t.tm_sec);
      cached_prefix.assign(text, sizeof text - 1);
    } else {  // a system_clock counting microseconds (libc++) reaches years past 9999
      cached_prefix = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.", year, t.tm_mon + 1, t.tm_mday,
                                  t.tm_hour, t.tm_min, t.tm_sec);
    }
    cached_seconds = seconds;
    cached = true;
  }
  out->assign(cached_prefix);
  out->push_back(static_cast<char>('0' + ms / 100));
  out->push_back(static_cast<char>('0' + ms / 10 % 10));
  out->push_back(static_cast<char>('0' + ms % 10));
  out->push_back('Z');
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
