#include "adapters/gemini/gemini_adapter.h"

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "tests/adapters/wire/wire_test_support.h"

namespace kinship {
namespace {

using testing::CodecOf;
using testing::kFakeKey;
using testing::MakeConfig;
using testing::ReadFixture;
using testing::Response;
using testing::ScopedEnv;

TEST_CASE("gemini builds generateContent with the key in a header, never the URL", "[gemini]") {
  ScopedEnv key("GEMINI_API_KEY", kFakeKey);
  const auto adapter = CreateGeminiAdapter(
      MakeConfig("gemini", "models/gemini-2.5-flash", "", {{"include_thoughts", true}}));
  ModelRequest r = testing::StandardRequest();
  r.messages.push_back({Role::kAssistant, "Туыстық."});
  r.messages.push_back({Role::kUser, "Толығырақ."});
  const HttpRequest request = CodecOf(*adapter).BuildRequest(r);
  testing::CheckRequestMatchesFixture(request, "gemini/request_basic.json");
  CHECK(request.url.find(kFakeKey) == std::string::npos);
  CHECK(request.url.find("key=") == std::string::npos);
}

TEST_CASE("gemini separates thought parts from the answer and reads usageMetadata",
          "[gemini]") {
  ScopedEnv key("GEMINI_API_KEY", kFakeKey);
  const auto adapter = CreateGeminiAdapter(MakeConfig("gemini", "gemini-2.5-flash"));
  const Completion c =
      CodecOf(*adapter).ParseResponse(Response(200, ReadFixture("gemini/response_success.json")));
  REQUIRE(c.ok);
  CHECK(c.output == "Туыстық — 亲属关系 — القرابة.");
  CHECK(c.reasoning == "Қысқа жауап керек.");
  CHECK(c.finish_reason == "STOP");
  CHECK(c.input_tokens == 22);
  CHECK(c.output_tokens == 14);
  CHECK(c.reasoning_tokens == 48);
  CHECK(c.served_model == "gemini-2.5-flash");
}

TEST_CASE("gemini a blocked prompt is an error value of kind blocked", "[gemini]") {
  ScopedEnv key("GEMINI_API_KEY", kFakeKey);
  const auto adapter = CreateGeminiAdapter(MakeConfig("gemini", "gemini-2.5-flash"));
  const Completion c =
      CodecOf(*adapter).ParseResponse(Response(200, ReadFixture("gemini/response_blocked.json")));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "blocked");
  CHECK_THAT(c.error, Catch::Contains("SAFETY"));
}

TEST_CASE("gemini error JSON, cut bodies and empty candidates are error values", "[gemini]") {
  ScopedEnv key("GEMINI_API_KEY", kFakeKey);
  const auto adapter = CreateGeminiAdapter(MakeConfig("gemini", "gemini-2.5-flash"));
  const HttpCodec& codec = CodecOf(*adapter);
  Completion c = codec.ParseResponse(Response(400, ReadFixture("gemini/response_error_400.json")));
  CHECK(c.error_kind == "http_400");
  CHECK_THAT(c.error, Catch::Contains("INVALID_ARGUMENT: API key not valid"));
  const std::string full = ReadFixture("gemini/response_success.json");
  c = codec.ParseResponse(Response(200, full.substr(0, 100)));
  CHECK(c.error_kind == "bad_response");
  c = codec.ParseResponse(Response(200, R"({"candidates": []})"));
  CHECK(c.error_kind == "bad_response");
  c = codec.ParseResponse(Response(200, R"({"candidates": [{"finishReason": "MAX_TOKENS"}]})"));
  REQUIRE(c.ok);  // no content at all is still an answer: the empty string, and why
  CHECK(c.output.empty());
  CHECK(c.finish_reason == "MAX_TOKENS");
}

TEST_CASE("gemini rejects model ids that would change the URL path", "[gemini]") {
  ScopedEnv key("GEMINI_API_KEY", kFakeKey);
  CHECK_THROWS_WITH(CreateGeminiAdapter(MakeConfig("gemini", "gemini/../x")),
                    Catch::Contains("model"));
  ScopedEnv unset("GEMINI_API_KEY", std::nullopt);
  CHECK_THROWS_WITH(CreateGeminiAdapter(MakeConfig("gemini", "gemini-2.5-flash")),
                    Catch::Contains("GEMINI_API_KEY is not set"));
}

}  // namespace
}  // namespace kinship
