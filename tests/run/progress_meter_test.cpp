#include "harness/run/progress_meter.h"

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

using namespace kinship;

TEST_CASE("FormatProgressLine shows count, percent, rate, ETA and failures", "[progress]") {
  ProgressSnapshot s;
  s.done = 30;
  s.total = 120;
  s.failures = 2;
  s.elapsed_s = 10;
  CHECK(FormatProgressLine(s) == "30/120   25%  3.0/s  ETA 0:30  failures 2");
  s.retries = 4;
  s.rate_limited = 1;
  CHECK(FormatProgressLine(s) == "30/120   25%  3.0/s  ETA 0:30  failures 2  retries 4  429s 1");
  s.done = 120;
  CHECK(FormatProgressLine(s).find("ETA 0:00") != std::string::npos);
}

TEST_CASE("Plain progress prints whole lines; quiet prints nothing", "[progress]") {
  char buffer[4096] = {};
  std::FILE* stream = fmemopen(buffer, sizeof buffer - 1, "w");
  {
    ProgressMeter meter(3, ProgressMode::kPlain, stream, 1000.0);
    meter.ItemDone(true);
    meter.ItemDone(false);
    meter.ItemDone(true);
    meter.Finish();
  }
  std::fclose(stream);
  std::string text(buffer);
  CHECK(text.rfind("progress: 3/3  100%", 0) == 0);
  CHECK(text.find("failures 1") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);

  char quiet_buffer[256] = {};
  std::FILE* quiet_stream = fmemopen(quiet_buffer, sizeof quiet_buffer - 1, "w");
  {
    ProgressMeter meter(1, ProgressMode::kQuiet, quiet_stream);
    meter.ItemDone(true);
    meter.Finish();
  }
  std::fclose(quiet_stream);
  CHECK(std::string(quiet_buffer).empty());
}
