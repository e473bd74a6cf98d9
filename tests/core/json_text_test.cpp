#include "harness/core/json_text.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace kinship;

namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

std::string Number(double value) {
  std::string out;
  AppendJsonNumber(value, &out);
  return out;
}

}  // namespace

TEST_CASE("AppendJsonString keeps valid UTF-8 byte-exact and escapes what JSON requires",
          "[json_text]") {
  const std::string text = "Сәлем! 你好 مرحبا 🙂 \"q\" back\\slash \x7f end";
  const std::string quoted = Quoted(text);
  CHECK(quoted == "\"Сәлем! 你好 مرحبا 🙂 \\\"q\\\" back\\\\slash \x7f end\"");
  CHECK(nlohmann::json::parse(quoted).get<std::string>() == text);
}

TEST_CASE("AppendJsonString escapes every control character and reads back exactly",
          "[json_text]") {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  const std::string quoted = Quoted(controls);
  for (char c : quoted) CHECK(static_cast<unsigned char>(c) >= 0x20);
  CHECK(quoted.find("\\n") != std::string::npos);
  CHECK(quoted.find("\\t") != std::string::npos);
  CHECK(quoted.find("\\u0000") != std::string::npos);
  CHECK(quoted.find("\\u001f") != std::string::npos);
  CHECK(nlohmann::json::parse(quoted).get<std::string>() == controls);
}

TEST_CASE("AppendJsonString replaces each invalid byte by U+FFFD and stays valid JSON",
          "[json_text]") {
  const std::string replacement = "\xEF\xBF\xBD";
  // A lone continuation byte, a truncated sequence, an overlong '/', a surrogate, a byte
  // that never occurs in UTF-8, and a sequence cut by the end of the text.
  CHECK(Quoted("a\x80z") == "\"a" + replacement + "z\"");
  CHECK(Quoted("a\xE2\x82z") == "\"a" + replacement + replacement + "z\"");
  CHECK(Quoted("\xC0\xAF") == "\"" + replacement + replacement + "\"");
  CHECK(Quoted("\xED\xA0\x80") == "\"" + replacement + replacement + replacement + "\"");
  CHECK(Quoted("\xFF") == "\"" + replacement + "\"");
  CHECK(Quoted("ok\xF0\x9F\x99") == "\"ok" + replacement + replacement + replacement + "\"");
  // U+FFFD itself is valid and passes through.
  CHECK(Quoted(replacement) == "\"" + replacement + "\"");
  CHECK(nlohmann::json::parse(Quoted("x\x80\xE2\x82y")).get<std::string>() ==
        "x" + replacement + replacement + replacement + "y");
}

TEST_CASE("AppendJsonNumber writes the shortest round-trip text", "[json_text]") {
  CHECK(Number(12.5) == "12.5");
  CHECK(Number(2) == "2.0");
  CHECK(Number(0) == "0.0");
  CHECK(Number(-0.25) == "-0.25");
  CHECK(Number(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(Number(std::numeric_limits<double>::infinity()) == "null");
  for (double value : {0.1, 1.0 / 3.0, 1e-300, 6.02214076e23, -123456.789, 1e21}) {
    CHECK(nlohmann::json::parse(Number(value)).get<double>() == value);
  }
}

TEST_CASE("AppendJsonInteger and AppendJsonUnsigned cover their whole ranges", "[json_text]") {
  std::string out;
  AppendJsonInteger(std::numeric_limits<std::int64_t>::min(), &out);
  out.push_back(' ');
  AppendJsonInteger(-1, &out);
  out.push_back(' ');
  AppendJsonUnsigned(std::numeric_limits<std::uint64_t>::max(), &out);
  CHECK(out == "-9223372036854775808 -1 18446744073709551615");
}

TEST_CASE("AppendJsonStringArray writes an array of escaped strings", "[json_text]") {
  std::string out;
  AppendJsonStringArray({}, &out);
  out.push_back(' ');
  AppendJsonStringArray({"a", "\n\"", "Сә"}, &out);
  CHECK(out == "[] [\"a\",\"\\n\\\"\",\"Сә\"]");
}

TEST_CASE("AppendJsonString writes the same bytes as nlohmann for every escape class at every position",
          "[json_text]") {
  // The plain-run scan works on 8-byte words: every class of byte that needs attention is
  // put at every position of strings one byte short of, at, and one byte past one and two
  // words, and the result must be what nlohmann writes (its escapes are the same: \b \f \n
  // \r \t, \u00xx for the other control characters, UTF-8 passed through).
  const std::vector<std::string> specials = {"\"", "\\", "\n", "\t", "\b", "\f", "\r",
                                             std::string(1, '\0'), "\x01", "\x1f", "\x7f",
                                             "\xC3\xA9", "\xE4\xBD\xA0", "\xF0\x9F\x99\x82"};
  CHECK(Quoted("") == "\"\"");
  for (std::size_t length : {7, 8, 9, 15, 16, 17}) {
    const std::string plain(length, 'p');
    CHECK(Quoted(plain) == "\"" + plain + "\"");
    for (const std::string& special : specials) {
      for (std::size_t at = 0; at < length; ++at) {
        const std::string text = plain.substr(0, at) + special + plain.substr(at + 1);
        INFO("length " << length << ", special at " << at << ": " << nlohmann::json(special).dump());
        CHECK(Quoted(text) == nlohmann::json(text).dump());
      }
    }
  }
}

TEST_CASE("AppendJsonString replaces an invalid byte at every position of a word", "[json_text]") {
  const std::string replacement = "\xEF\xBF\xBD";
  for (std::size_t length : {7, 8, 9, 15, 16, 17}) {
    const std::string plain(length, 'p');
    for (std::size_t at = 0; at < length; ++at) {
      for (const char invalid : {'\x80', '\xFF', '\xC3'}) {  // lone, never, cut short
        std::string text = plain;
        text[at] = invalid;
        INFO("length " << length << ", invalid byte at " << at);
        CHECK(Quoted(text) == "\"" + plain.substr(0, at) + replacement + plain.substr(at + 1) + "\"");
      }
    }
  }
}

namespace {

// What AppendJsonNumber promises for finite values: std::to_chars's shortest text, with
// ".0" on integral values.
std::string ShortestRoundTrip(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

}  // namespace

TEST_CASE("AppendJsonNumber writes std::to_chars's text for values with few decimals too",
          "[json_text]") {
  // Values of the form m / 10^k (latencies in ms from nanoseconds, temperatures) take a
  // shortcut; it must give the same bytes, at and around the edges of where it applies.
  std::mt19937_64 random(20261129);
  std::vector<double> values = {0.1,       0.7,        1.5,        99.200143,  0.099999999,
                                1048575.5, 1048576.5,  1000000.0,  1e6 + 0.25, 0.123456789,
                                0.1234567891, 3.0,     1e-4,       123456.000001, 2.5e-5};
  for (int k = 0; k <= 12; ++k) {
    for (int i = 0; i < 2000; ++i) {
      const auto m = static_cast<double>(random() % 2'000'000'000'000ULL);
      values.push_back(m / std::pow(10.0, k));
    }
  }
  std::uniform_real_distribution<double> anywhere(0.05, 2e6);
  for (int i = 0; i < 20000; ++i) values.push_back(anywhere(random));
  for (int i = 0; i < 20000; ++i) {  // nanoseconds to milliseconds, as the engine measures
    values.push_back(static_cast<double>(random() % 10'000'000'000ULL) / 1e6);
  }
  const std::size_t count = values.size();
  for (std::size_t i = 0; i < count; ++i) {
    values.push_back(-values[i]);
    values.push_back(std::nextafter(values[i], 0.0));
    values.push_back(std::nextafter(values[i], 1e300));
  }
  for (double value : values) {
    INFO(ShortestRoundTrip(value));
    CHECK(Number(value) == ShortestRoundTrip(value));
  }
}
