#include "harness/core/ascii_case.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("AsciiLower folds A-Z and nothing else", "[ascii_case]") {
  for (int c = 0; c < 256; ++c) {
    const char byte = static_cast<char>(c);
    const char expected = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : byte;
    CHECK(AsciiLower(byte) == expected);
  }
}

TEST_CASE("AsciiLowerCopy keeps UTF-8 bytes as they are", "[ascii_case]") {
  CHECK(AsciiLowerCopy("Content-Type") == "content-type");
  CHECK(AsciiLowerCopy("GiB") == "gib");
  // Cyrillic, Kazakh and Greek capitals are not ASCII: they stay byte-exact.
  CHECK(AsciiLowerCopy("СӘЛЕМ Ω HTTP") == "СӘЛЕМ Ω http");
  std::string text = "YES";
  AsciiLowerInPlace(text);
  CHECK(text == "yes");
}

TEST_CASE("AsciiEqualsIgnoreCase compares lengths and folded bytes", "[ascii_case]") {
  static_assert(AsciiEqualsIgnoreCase("Content-Length", "content-length"));
  CHECK(AsciiEqualsIgnoreCase("HOST", "host"));
  CHECK_FALSE(AsciiEqualsIgnoreCase("host", "hosts"));
  CHECK_FALSE(AsciiEqualsIgnoreCase("x-api-key", "x_api_key"));
  CHECK_FALSE(AsciiEqualsIgnoreCase("Ә", "ә"));  // only ASCII folds
  CHECK(AsciiEqualsIgnoreCase("", ""));
}

}  // namespace
}  // namespace kinship
