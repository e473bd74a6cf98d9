#include "harness/core/utf8.h"

#include <catch2/catch.hpp>

using namespace kinship;

TEST_CASE("IsValidUtf8 accepts the scripts we promise and rejects malformed bytes", "[utf8]") {
  CHECK(IsValidUtf8("Сәлеметсіз бе"));   // Kazakh
  CHECK(IsValidUtf8("Здравствуйте"));    // Russian
  CHECK(IsValidUtf8("你好，世界"));       // Chinese
  CHECK(IsValidUtf8("مرحبا بالعالم"));   // Arabic
  CHECK(IsValidUtf8("🙂"));
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("abc\xE4\xBD"));       // truncated
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST_CASE("DecodeUtf8 and AppendUtf8 round-trip every encoding length", "[utf8]") {
  std::string text = "a\u00e9\u4f60\U0001F642";
  std::string rebuilt;
  for (std::size_t pos = 0; pos < text.size();) AppendUtf8(DecodeUtf8(text, &pos), &rebuilt);
  CHECK(rebuilt == text);
  CHECK(CodePointCount(text) == 4);
}

TEST_CASE("SanitizeUtf8 replaces only the invalid bytes", "[utf8]") {
  CHECK(SanitizeUtf8("ok\xFFok") == "ok\uFFFDok");
  CHECK(SanitizeUtf8("你好") == "你好");
}

TEST_CASE("Utf8Prefix never cuts a code point", "[utf8]") {
  CHECK(Utf8Prefix("你好世界", 2) == "你好");
  CHECK(Utf8Prefix("ab", 5) == "ab");
}

TEST_CASE("IsControlOrDirectionOverride: controls, DEL and bidi overrides, nothing else",
          "[utf8]") {
  for (char32_t cp : {0x00u, 0x09u, 0x0Au, 0x1Bu, 0x7Fu, 0x85u, 0x9Fu, 0x202Au, 0x202Eu,
                      0x2066u, 0x2069u}) {
    CHECK(IsControlOrDirectionOverride(cp));
  }
  for (char32_t cp : {0x20u, 0x41u, 0xA0u, 0x041Au, 0x4E2Du, 0x0627u, 0x2029u, 0x202Fu,
                      0x2065u, 0x206Au, 0x1F680u}) {
    CHECK_FALSE(IsControlOrDirectionOverride(cp));
  }
}
