#include "adapters/wire/wire_errors.h"

#include <catch2/catch.hpp>

#include "harness/core/utf8.h"
#include "tests/adapters/wire/wire_test_support.h"

namespace kinship {
namespace {

using std::chrono::system_clock;

system_clock::time_point At(int year, int mon, int day, int h, int m, int s) {
  struct tm tm {};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = s;
  return system_clock::from_time_t(::timegm(&tm));
}

TEST_CASE("Retry-After in delta-seconds becomes milliseconds", "[retry-after]") {
  const auto now = system_clock::now();
  CHECK(ParseRetryAfterMs("7", now) == 7000);
  CHECK(ParseRetryAfterMs(" 0 ", now) == 0);
  CHECK(ParseRetryAfterMs("120", now) == 120000);
}

TEST_CASE("Retry-After as an HTTP-date is relative to now and never negative",
          "[retry-after]") {
  const auto now = At(2015, 10, 21, 7, 27, 30);
  CHECK(ParseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT", now) == 30000);
  CHECK(ParseRetryAfterMs("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0);
}

TEST_CASE("Retry-After garbage is ignored and huge values are capped at a day",
          "[retry-after]") {
  const auto now = system_clock::now();
  CHECK_FALSE(ParseRetryAfterMs("soon", now).has_value());
  CHECK_FALSE(ParseRetryAfterMs("", now).has_value());
  CHECK_FALSE(ParseRetryAfterMs("-5", now).has_value());
  CHECK_FALSE(ParseRetryAfterMs("1.5", now).has_value());
  CHECK(ParseRetryAfterMs("99999999999999", now) == 24 * 3600 * 1000);
}

TEST_CASE("429 and 503 answers carry retry_after_ms, other statuses do not", "[http-error]") {
  auto with_header = [](int status) {
    return testing::Response(status, "{}", {{"retry-after", "3"}});
  };
  CHECK(HttpErrorCompletion(with_header(429), "x").retry_after_ms == 3000);
  CHECK(HttpErrorCompletion(with_header(503), "x").retry_after_ms == 3000);
  CHECK(HttpErrorCompletion(with_header(500), "x").retry_after_ms == -1);
  const Completion c = HttpErrorCompletion(with_header(429), "x");
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "http_429");
}

TEST_CASE("Provider error messages are found in every supported error shape", "[http-error]") {
  CHECK(ProviderErrorMessage(R"({"error":"model not found"})") == "model not found");
  CHECK(ProviderErrorMessage(R"({"error":{"message":"bad key","type":"auth"}})") ==
        "auth: bad key");
  CHECK(ProviderErrorMessage(
            R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})") ==
        "overloaded_error: Overloaded");
  CHECK(ProviderErrorMessage(R"({"error":{"code":400,"message":"m","status":"INVALID"}})") ==
        "INVALID: m");
  CHECK_FALSE(ProviderErrorMessage("<html>502</html>").has_value());
  CHECK_FALSE(ProviderErrorMessage(R"({"ok":true})").has_value());
}

TEST_CASE("Quoted bodies are cut to about 200 bytes on a UTF-8 boundary", "[http-error]") {
  std::string body;
  for (int i = 0; i < 300; ++i) body += "қ";  // two bytes each
  body = "x" + body;  // odd offset: the cut would fall inside a character
  const std::string quoted = QuoteBody(body);
  CHECK(quoted.size() <= kMaxQuotedBodyBytes + 3);
  CHECK(IsValidUtf8(quoted));
  CHECK(quoted.substr(quoted.size() - 3) == "...");
  const Completion c = HttpErrorCompletion(testing::Response(502, std::string(5000, 'a')), "x");
  CHECK(c.error.size() < 300);
}

TEST_CASE("RedactSecret removes every copy of the key from an error", "[http-error]") {
  Completion c = ErrorCompletion("http_401", "key sk-1 is bad; sk-1 again");
  RedactSecret(&c, "sk-1");
  CHECK(c.error == "key [redacted] is bad; [redacted] again");
}

}  // namespace
}  // namespace kinship
