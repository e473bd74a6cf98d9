#include "harness/run/progress_meter.h"

#include <unistd.h>

#include <fmt/format.h>

#include "harness/core/clock.h"

namespace kinship {

ProgressMode DetectProgressMode(std::FILE* stream, bool quiet) {
  if (quiet) return ProgressMode::kQuiet;
  return ::isatty(::fileno(stream)) ? ProgressMode::kTerminal : ProgressMode::kPlain;
}

std::string FormatProgressLine(const ProgressSnapshot& s) {
  double rate = s.elapsed_s > 0 ? s.done / s.elapsed_s : 0;
  int percent = s.total > 0 ? static_cast<int>(100.0 * s.done / s.total) : 100;
  std::string eta = "--:--";
  if (rate > 0 && s.done < s.total) {
    long seconds = static_cast<long>((s.total - s.done) / rate + 0.5);
    eta = fmt::format("{}:{:02}", seconds / 60, seconds % 60);
  } else if (s.done >= s.total) {
    eta = "0:00";
  }
  std::string line = fmt::format("{}/{}  {:3}%  {:.1f}/s  ETA {}  failures {}", s.done, s.total,
                                 percent, rate, eta, s.failures);
  if (s.retries > 0 || s.rate_limited > 0) {
    line += fmt::format("  retries {}  429s {}", s.retries, s.rate_limited);
  }
  return line;
}

ProgressMeter::ProgressMeter(int total, ProgressMode mode, std::FILE* stream,
                             double plain_interval_s)
    : mode_(mode), stream_(stream), plain_interval_s_(plain_interval_s),
      start_ms_(MonotonicMillis()) {
  snapshot_.total = total;
  last_print_ms_ = start_ms_;
}

void ProgressMeter::ItemDone(bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++snapshot_.done;
  if (!ok) ++snapshot_.failures;
  MaybePrint(false);
}

void ProgressMeter::AddRetries(int retries, int rate_limited) {
  std::lock_guard<std::mutex> lock(mutex_);
  snapshot_.retries += retries;
  snapshot_.rate_limited += rate_limited;
}

void ProgressMeter::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  MaybePrint(true);
  if (mode_ == ProgressMode::kTerminal) std::fputc('\n', stream_);
  std::fflush(stream_);
}

void ProgressMeter::MaybePrint(bool force) {
  if (mode_ == ProgressMode::kQuiet) return;
  std::int64_t now = MonotonicMillis();
  double since_last = (now - last_print_ms_) / 1000.0;
  if (!force) {
    if (mode_ == ProgressMode::kTerminal && since_last < 0.1) return;
    if (mode_ == ProgressMode::kPlain && since_last < plain_interval_s_) return;
  }
  last_print_ms_ = now;
  snapshot_.elapsed_s = (now - start_ms_) / 1000.0;
  std::string line = FormatProgressLine(snapshot_);
  if (mode_ == ProgressMode::kTerminal) {
    fmt::print(stream_, "\r\x1b[2K{}", line);
  } else {
    fmt::print(stream_, "progress: {}\n", line);
  }
  std::fflush(stream_);
}

}  // namespace kinship
