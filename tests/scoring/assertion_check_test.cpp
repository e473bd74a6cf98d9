#include "harness/scoring/assertion_check.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/scoring/json_schema.h"
#include "tests/scoring/test_prompts.h"

using kinship::AnswerNumber;
using kinship::AssertionKind;
using kinship::CheckAssertion;
using kinship::JsonMatchesSchema;
using kinship::LooksLikeRefusal;
using kinship::testing::Check;

TEST_CASE("equals compares the trimmed answer byte for byte", "[scoring]") {
  auto a = Check(AssertionKind::kEquals, {"Paris"});
  CHECK(CheckAssertion(a, "  Paris\n").pass);
  CHECK_FALSE(CheckAssertion(a, "paris").pass);
  CHECK(CheckAssertion(a, "Lyon").reason == "expected 'Paris', got 'Lyon'");
}

TEST_CASE("contains is any-of by default and all-of with -all", "[scoring]") {
  auto any = Check(AssertionKind::kContains, {"cat", "dog"});
  CHECK(CheckAssertion(any, "a dog barks").pass);
  CHECK_FALSE(CheckAssertion(any, "a bird sings").pass);
  auto all = any;
  all.all = true;
  CHECK_FALSE(CheckAssertion(all, "a dog barks").pass);
  CHECK(CheckAssertion(all, "a dog and a cat").pass);
  CHECK(CheckAssertion(all, "a dog barks").reason == "does not contain 'cat'");
}

TEST_CASE("icontains folds case in every script", "[scoring]") {
  CHECK(CheckAssertion(Check(AssertionKind::kIContains, {"астана"}), "Елорда — АСТАНА.").pass);
  CHECK(CheckAssertion(Check(AssertionKind::kIContains, {"ΑΘΗΝΑ"}), "η αθηνα").pass);
  CHECK(CheckAssertion(Check(AssertionKind::kIContains, {"Paris"}), "PARIS is big").pass);
  CHECK_FALSE(CheckAssertion(Check(AssertionKind::kContains, {"Paris"}), "PARIS is big").pass);
  CHECK(CheckAssertion(Check(AssertionKind::kIContains, {"北京"}), "首都是北京。").pass);
}

TEST_CASE("not- negates any assertion", "[scoring]") {
  auto a = Check(AssertionKind::kContains, {"sorry"}, /*negate=*/true);
  CHECK(CheckAssertion(a, "Here you go").pass);
  CHECK_FALSE(CheckAssertion(a, "sorry, no").pass);
}

TEST_CASE("regex searches anywhere; starts-with skips leading space", "[scoring]") {
  CHECK(CheckAssertion(Check(AssertionKind::kRegex, {"\\b4[0-9]\\b"}), "it is 42.").pass);
  CHECK_FALSE(CheckAssertion(Check(AssertionKind::kRegex, {"^\\d+$"}), "it is 42").pass);
  CHECK(CheckAssertion(Check(AssertionKind::kStartsWith, {"Yes"}), "\n Yes, indeed").pass);
  CHECK_FALSE(CheckAssertion(Check(AssertionKind::kStartsWith, {"Yes"}), "No").pass);
}

TEST_CASE("number takes the whole answer or else its last number", "[scoring]") {
  CHECK(AnswerNumber("42") == 42.0);
  CHECK(AnswerNumber("First 3 apples, then 5, so the total is 8.") == 8.0);
  CHECK(AnswerNumber("It costs 1,250.50 dollars") == 1250.5);
  CHECK(AnswerNumber("-3.5e2") == -350.0);
  CHECK_FALSE(AnswerNumber("no digits here").has_value());
  auto a = Check(AssertionKind::kNumber);
  a.number = 3.14;
  a.tolerance = 0.01;
  CHECK(CheckAssertion(a, "pi is about 3.141").pass);
  CHECK_FALSE(CheckAssertion(a, "pi is about 3.2").pass);
  CHECK(CheckAssertion(a, "none").reason == "no number in the answer");
}

TEST_CASE("length counts code points, not bytes", "[scoring]") {
  auto a = Check(AssertionKind::kLength);
  a.min_length = 3;
  a.max_length = 5;
  CHECK(CheckAssertion(a, "Сәлем").pass);  // 5 letters, 10 bytes
  CHECK_FALSE(CheckAssertion(a, "hi").pass);
  CHECK_FALSE(CheckAssertion(a, "abcdef").pass);
}

TEST_CASE("refusal recognises refusals in several languages", "[scoring]") {
  CHECK(LooksLikeRefusal("I'm sorry, but I can't help with that."));
  CHECK(LooksLikeRefusal("Извините, но я не могу помочь."));
  CHECK(LooksLikeRefusal("抱歉，我无法回答。"));
  CHECK(LooksLikeRefusal("عذراً، لا أستطيع المساعدة"));
  CHECK_FALSE(LooksLikeRefusal("Sure! Here is a recipe for pancakes."));
}

TEST_CASE("is-json accepts a bare or fenced JSON answer and checks the schema", "[scoring]") {
  auto a = Check(AssertionKind::kIsJson);
  CHECK(CheckAssertion(a, "{\"a\": 1}").pass);
  CHECK(CheckAssertion(a, "Here:\n```json\n[1, 2]\n```\nDone.").pass);
  CHECK_FALSE(CheckAssertion(a, "{a: 1}").pass);
  a.schema = R"({"type":"object","required":["name"],"properties":{"name":{"type":"string","minLength":2},"age":{"type":"integer","minimum":0}},"additionalProperties":false})";
  CHECK(CheckAssertion(a, R"({"name": "Алия", "age": 30})").pass);
  auto missing = CheckAssertion(a, R"({"age": 30})");
  CHECK_FALSE(missing.pass);
  CHECK(missing.reason == "JSON does not fit the schema: $: missing required property 'name'");
  CHECK_FALSE(CheckAssertion(a, R"({"name": "Al", "age": 1.5})").pass);
  CHECK_FALSE(CheckAssertion(a, R"({"name": "Al", "extra": 1})").pass);
}

TEST_CASE("The schema subset checks arrays, enums and nested paths", "[scoring]") {
  auto schema = nlohmann::json::parse(
      R"({"type":"array","minItems":1,"items":{"type":"object","properties":{"k":{"enum":["a","b"]}}}})");
  std::string why;
  CHECK(JsonMatchesSchema(nlohmann::json::parse(R"([{"k":"a"},{"k":"b"}])"), schema, &why));
  CHECK_FALSE(JsonMatchesSchema(nlohmann::json::parse(R"([{"k":"a"},{"k":"c"}])"), schema, &why));
  CHECK(why == "$[1].k: not one of [\"a\",\"b\"]");
  CHECK_FALSE(JsonMatchesSchema(nlohmann::json::array(), schema, &why));
}
