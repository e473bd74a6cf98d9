#include "harness/cache/exact_text.h"

#include <catch2/catch.hpp>

using kinship::ExactTextFromJson;
using kinship::ExactTextToJson;

TEST_CASE("Valid UTF-8 stays a plain JSON string", "[exact_text]") {
  const std::string kazakh = "Сәлем, әлем! 你好 مرحبا";
  CHECK(ExactTextToJson(kazakh) == nlohmann::json(kazakh));
  CHECK(ExactTextFromJson(ExactTextToJson(kazakh)) == kazakh);
}

TEST_CASE("Invalid UTF-8 survives a JSON dump and parse byte-exactly", "[exact_text]") {
  // Half of "ә" (0xD3 0x99), as a byte-level BPE token often is, and a stray 0xFF.
  const std::string broken = std::string("a\xD3", 2);
  const std::string other = std::string("a\xFF", 2);
  const auto json = ExactTextToJson(broken);
  CHECK(json == nlohmann::json{{"hex", "61d3"}});
  CHECK(ExactTextToJson(other) != json);
  CHECK(ExactTextFromJson(nlohmann::json::parse(json.dump())) == broken);
  CHECK(ExactTextFromJson(ExactTextToJson(std::string("\0\x80", 2))) == std::string("\0\x80", 2));
}
