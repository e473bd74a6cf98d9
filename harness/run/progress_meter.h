// Progress of a run on stderr: done/total, rate, ETA, failures (and retries/429s once
// the HTTP scheduler reports them). On a terminal one line is redrawn in place at most
// ten times a second; otherwise a plain line is printed every `plain_interval_s` seconds
// and at the end, so CI logs stay readable. Quiet prints nothing. Thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace kinship {

enum class ProgressMode { kTerminal, kPlain, kQuiet };

// kTerminal when `stream` is a TTY, else kPlain; kQuiet when `quiet`.
ProgressMode DetectProgressMode(std::FILE* stream, bool quiet);

struct ProgressSnapshot {
  int done = 0;
  int total = 0;
  int failures = 0;
  int retries = 0;
  int rate_limited = 0;
  double elapsed_s = 0;
};

// "37/120  31%  12.4/s  ETA 0:07  failures 1" -- the text of one progress line.
std::string FormatProgressLine(const ProgressSnapshot& snapshot);

class ProgressMeter {
 public:
  ProgressMeter(int total, ProgressMode mode, std::FILE* stream = stderr,
                double plain_interval_s = 10.0);

  void ItemDone(bool ok);
  void AddRetries(int retries, int rate_limited);
  // Prints the final line (and a newline on a terminal).
  void Finish();

 private:
  void MaybePrint(bool force);

  std::mutex mutex_;
  ProgressMode mode_;
  std::FILE* stream_;
  double plain_interval_s_;
  ProgressSnapshot snapshot_;
  std::int64_t start_ms_;
  std::int64_t last_print_ms_ = 0;
};

}  // namespace kinship
