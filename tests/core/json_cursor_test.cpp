#include "harness/core/json_cursor.h"

#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace kinship;

TEST_CASE("JsonCursor walks an object of every value kind", "[json_cursor]") {
  JsonCursor cursor(R"( {"s":"a\"b\\c\/\n\u00e9\ud83d\ude42","i":-42,"u":18446744073709551615,
                         "d":-1.5e3,"t":true,"f":false,"n":null,"o":{"x":[1,{"y":[]}]},"a":[]} )");
  std::string_view key;
  std::string text;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  bool t = false, f = true;
  REQUIRE(cursor.BeginObject());
  REQUIRE(cursor.NextKey(&key));
  CHECK(key == "s");
  REQUIRE(cursor.ReadString(&text));
  CHECK(text == "a\"b\\c/\n\xC3\xA9\xF0\x9F\x99\x82");
  REQUIRE(cursor.NextKey(&key));
  REQUIRE(cursor.ReadInt64(&i));
  REQUIRE(cursor.NextKey(&key));
  REQUIRE(cursor.ReadUint64(&u));
  REQUIRE(cursor.NextKey(&key));
  REQUIRE(cursor.ReadDouble(&d));
  REQUIRE(cursor.NextKey(&key));
  REQUIRE(cursor.ReadBool(&t));
  REQUIRE(cursor.NextKey(&key));
  REQUIRE(cursor.ReadBool(&f));
  REQUIRE(cursor.NextKey(&key));
  CHECK(cursor.Peek() == JsonCursor::Kind::kNull);
  REQUIRE(cursor.ReadNull());
  REQUIRE(cursor.NextKey(&key));
  CHECK(key == "o");
  REQUIRE(cursor.Skip());
  REQUIRE(cursor.NextKey(&key));
  REQUIRE(cursor.BeginArray());
  CHECK_FALSE(cursor.NextElement());
  CHECK_FALSE(cursor.NextKey(&key));
  CHECK_FALSE(cursor.failed());
  CHECK(cursor.AtEnd());
  CHECK(i == -42);
  CHECK(u == 18446744073709551615ULL);
  CHECK(d == -1500);
  CHECK(t);
  CHECK_FALSE(f);
}

TEST_CASE("JsonCursor reads back every string the JSON writer produces", "[json_cursor]") {
  std::string text;
  for (int c = 1; c < 0x80; ++c) text.push_back(static_cast<char>(c));
  text += "Сәлем 你好 🙂";
  text.push_back('\0');
  std::string out;
  const std::string raw = nlohmann::json(text).dump();
  JsonCursor cursor(raw);
  REQUIRE(cursor.ReadString(&out));
  CHECK(out == text);
  const std::string escaped = nlohmann::json(text).dump(-1, ' ', true);  // all \u-escaped
  JsonCursor ascii(escaped);
  REQUIRE(ascii.ReadString(&out));
  CHECK(out == text);
}

TEST_CASE("JsonCursor refuses malformed text and values of another kind", "[json_cursor]") {
  auto skips = [](std::string_view text) {
    JsonCursor cursor(text);
    return cursor.Skip() && cursor.AtEnd();
  };
  CHECK(skips(R"({"a":[1,2,{"b":null}],"c":"d"})"));
  for (const char* bad : {R"({"a":1,})", R"([1,])", R"({"a" 1})", R"({"a":1 "b":2})", R"("abc)",
                          "\"tab\there\"", R"("\x")", R"("\ud83d")", R"("\ude42")", "01", "1.",
                          "-", "1e", "tru", R"({"a":1}x)", "\"\xC3\"", R"({"a":1)", "[1 2]"}) {
    INFO(bad);
    CHECK_FALSE(skips(bad));
  }
  std::int64_t i = 0;
  std::string s;
  JsonCursor floating("1.5");
  CHECK_FALSE(floating.ReadInt64(&i));
  CHECK(floating.failed());
  JsonCursor number("7");
  CHECK_FALSE(number.ReadString(&s));
  std::uint64_t u = 0;
  JsonCursor negative("-1");
  CHECK_FALSE(negative.ReadUint64(&u));
  const std::string brackets(1000, '[');
  JsonCursor deep(brackets);
  CHECK_FALSE(deep.Skip());
}

TEST_CASE("JsonCursor unescapes keys that need it and views plain ones", "[json_cursor]") {
  const std::string text = R"({"plain":1,"esc\"aped\u00e9":2,"Сә":3})";
  JsonCursor cursor(text);
  std::string_view key;
  std::vector<std::string> keys;
  REQUIRE(cursor.BeginObject());
  while (cursor.NextKey(&key)) {
    keys.emplace_back(key);
    REQUIRE(cursor.Skip());
  }
  CHECK(cursor.AtEnd());
  CHECK(keys == std::vector<std::string>{"plain", "esc\"aped\xC3\xA9", "Сә"});
}

namespace {

std::optional<std::string> ReadOneString(const std::string& json) {
  JsonCursor cursor(json);
  std::string out;
  if (!cursor.ReadString(&out) || !cursor.AtEnd()) return std::nullopt;
  return out;
}

std::optional<std::string> ReadOneKey(const std::string& json_key) {
  const std::string text = "{" + json_key + ":0}";
  JsonCursor cursor(text);
  std::string_view key;
  if (!cursor.BeginObject() || !cursor.NextKey(&key)) return std::nullopt;
  return std::string(key);
}

}  // namespace

TEST_CASE("JsonCursor reads strings and keys with an escape or UTF-8 at every position of a word",
          "[json_cursor]") {
  // The raw-byte scan works on 8-byte words: escapes, raw UTF-8 and the closing quote at
  // every position of strings around one and two words long.
  const std::vector<std::string> specials = {"\"", "\\", "/", "\n", "\t", std::string(1, '\0'),
                                             "\x1f", "\x7f", "\xC3\xA9", "\xF0\x9F\x99\x82"};
  CHECK(ReadOneString("\"\"") == "");
  CHECK(ReadOneKey("\"\"") == "");
  for (std::size_t length : {7, 8, 9, 15, 16, 17}) {
    const std::string plain(length, 'k');
    CHECK(ReadOneString("\"" + plain + "\"") == plain);
    CHECK(ReadOneKey("\"" + plain + "\"") == plain);
    for (const std::string& special : specials) {
      for (std::size_t at = 0; at < length; ++at) {
        const std::string text = plain.substr(0, at) + special + plain.substr(at + 1);
        INFO("length " << length << ", special at " << at << ": " << nlohmann::json(special).dump());
        CHECK(ReadOneString(nlohmann::json(text).dump()) == text);
        CHECK(ReadOneKey(nlohmann::json(text).dump()) == text);
        CHECK(ReadOneString(nlohmann::json(text).dump(-1, ' ', true)) == text);  // all \u-escaped
      }
    }
  }
}

TEST_CASE("JsonCursor refuses a raw control byte or invalid UTF-8 at every position of a word",
          "[json_cursor]") {
  for (std::size_t length : {7, 8, 9, 15, 16, 17}) {
    const std::string plain(length, 'k');
    for (std::size_t at = 0; at < length; ++at) {
      for (const char bad : {'\n', '\x01', '\x80', '\xFF', '\xC3'}) {
        std::string text = plain;
        text[at] = bad;
        INFO("length " << length << ", byte " << int(static_cast<unsigned char>(bad)) << " at " << at);
        CHECK_FALSE(ReadOneString("\"" + text + "\""));
        CHECK_FALSE(ReadOneKey("\"" + text + "\""));
        // Also when an escape follows in the same word (the scan stops there first).
        CHECK_FALSE(ReadOneString("\"" + text + "\\n\""));
      }
    }
  }
}

TEST_CASE("Skip accepts exactly the strings and numbers that ReadString and ReadDouble accept",
          "[json_cursor]") {
  auto skips = [](const std::string& text) {
    JsonCursor cursor(text);
    return cursor.Skip() && cursor.AtEnd();
  };
  auto reads_string = [](const std::string& text) { return ReadOneString(text).has_value(); };
  auto reads_double = [](const std::string& text) {
    JsonCursor cursor(text);
    double value = 0;
    return cursor.ReadDouble(&value) && cursor.AtEnd();
  };
  // Strings skipped in place (no escape) or through the scratch (an escape), with a raw
  // control byte, invalid UTF-8 or an escape at every position of a word.
  for (std::size_t length : {0, 7, 8, 9, 16, 17}) {
    const std::string plain(length, 's');
    CHECK(skips("\"" + plain + "\""));
    for (std::size_t at = 0; at < length; ++at) {
      for (const std::string& special : {std::string("\\n"), std::string("\\u00e9"), std::string("\xC3\xA9"),
                                         std::string("\n"), std::string("\x80"), std::string("\xC3"),
                                         std::string("\\x")}) {
        const std::string text = "\"" + plain.substr(0, at) + special + plain.substr(at + 1) + "\"";
        INFO(text);
        CHECK(skips(text) == reads_string(text));
      }
    }
  }
  CHECK_FALSE(skips("\"unterminated"));
  CHECK_FALSE(skips("\"unterminated\\\""));
  // Numbers: the grammar everywhere, the range where an exponent or a long token could
  // leave a double's range (nlohmann refuses overflow too).
  const std::string long_integer(299, '7');
  const std::string longer_integer(400, '7');
  const std::string tiny = "0." + std::string(400, '0') + "1";
  for (const std::string& number : {std::string("0"), std::string("-12"), std::string("3.25"),
                                    std::string("1718000000"), std::string("1e300"), std::string("1e400"),
                                    std::string("-1E+400"), std::string("1e-400"), std::string("2.5e-3"),
                                    long_integer, longer_integer, tiny, std::string("01"),
                                    std::string("1."), std::string("-"), std::string("1e")}) {
    INFO(number);
    CHECK(skips(number) == reads_double(number));
  }
  CHECK(skips("1e300"));
  CHECK_FALSE(skips("1e400"));
  CHECK(skips(long_integer));
}
