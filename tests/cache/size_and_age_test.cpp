#include "harness/cache/size_and_age.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using kinship::FormatAge;
using kinship::FormatByteSize;
using kinship::ParseAge;
using kinship::ParseByteSize;

TEST_CASE("Ages read seconds, minutes, hours, days and weeks", "[size_and_age]") {
  CHECK(ParseAge("45s") == 45s);
  CHECK(ParseAge("90m") == 90min);
  CHECK(ParseAge("12h") == 12h);
  CHECK(ParseAge("30d") == 30 * 24h);
  CHECK(ParseAge("2w") == 14 * 24h);
  CHECK(ParseAge("1.5h") == 90min);
  CHECK(ParseAge("12H") == 12h);
}

TEST_CASE("Ages without a unit, zero or malformed are refused", "[size_and_age]") {
  CHECK_FALSE(ParseAge("30"));
  CHECK_FALSE(ParseAge("0d"));
  CHECK_FALSE(ParseAge("-3d"));
  CHECK_FALSE(ParseAge("d"));
  CHECK_FALSE(ParseAge("3 days"));
  CHECK_FALSE(ParseAge(""));
  CHECK_FALSE(ParseAge("99999999999w"));
}

TEST_CASE("Sizes read decimal and binary units, case-insensitively", "[size_and_age]") {
  CHECK(ParseByteSize("4096") == 4096);
  CHECK(ParseByteSize("500MB") == 500'000'000);
  CHECK(ParseByteSize("500mb") == 500'000'000);
  CHECK(ParseByteSize("800k") == 800'000);
  CHECK(ParseByteSize("1.5GiB") == 1'610'612'736);
  CHECK(ParseByteSize("2 KiB") == 2048);
  CHECK(ParseByteSize("0") == 0);
}

TEST_CASE("Malformed sizes are refused", "[size_and_age]") {
  CHECK_FALSE(ParseByteSize("MB"));
  CHECK_FALSE(ParseByteSize("5XB"));
  CHECK_FALSE(ParseByteSize("-5MB"));
  CHECK_FALSE(ParseByteSize("1e9"));
  CHECK_FALSE(ParseByteSize("99999999TB"));
}

TEST_CASE("Sizes and ages print in the largest sensible unit", "[size_and_age]") {
  CHECK(FormatByteSize(0) == "0 B");
  CHECK(FormatByteSize(812) == "812 B");
  CHECK(FormatByteSize(14'200) == "14.2 KB");
  CHECK(FormatByteSize(3'100'000) == "3.1 MB");
  CHECK(FormatByteSize(999'990) == "1.0 MB");
  CHECK(FormatAge(45s) == "45s");
  CHECK(FormatAge(3h + 5min) == "3h");
  CHECK(FormatAge(72h) == "3d");
}
