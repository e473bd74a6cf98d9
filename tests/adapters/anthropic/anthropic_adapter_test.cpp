#include "adapters/anthropic/anthropic_adapter.h"

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

TEST_CASE("anthropic builds the Messages request of the fixture", "[anthropic]") {
  ScopedEnv key("ANTHROPIC_API_KEY", kFakeKey);
  const auto adapter = CreateAnthropicAdapter(MakeConfig("anthropic", "claude-sonnet-4-20250514"));
  testing::CheckRequestMatchesFixture(CodecOf(*adapter).BuildRequest(testing::StandardRequest()),
                                      "anthropic/request_basic.json");
}

TEST_CASE("anthropic joins system messages and merges consecutive turns of one role",
          "[anthropic]") {
  ScopedEnv key("ANTHROPIC_API_KEY", kFakeKey);
  const auto adapter = CreateAnthropicAdapter(
      MakeConfig("anthropic", "claude-x", "", {{"anthropic_version", "2024-01-01"}}));
  ModelRequest r;
  r.messages = {{Role::kSystem, "A"}, {Role::kSystem, "B"}, {Role::kUser, "u1"},
                {Role::kUser, "u2"},  {Role::kAssistant, "a1"}, {Role::kUser, "u3"}};
  r.sampling.temperature = 0.0;
  const HttpRequest request = CodecOf(*adapter).BuildRequest(r);
  const auto body = nlohmann::json::parse(request.body);
  CHECK(body["system"] == "A\n\nB");
  REQUIRE(body["messages"].size() == 3);
  CHECK(body["messages"][0]["content"] == "u1\n\nu2");
  CHECK(body["messages"][1]["role"] == "assistant");
  CHECK(body["max_tokens"] == kDefaultMaxTokens);  // required by the API even when unset
  CHECK_FALSE(body.contains("seed"));
  bool version = false;
  for (const auto& [name, value] : request.headers) {
    version = version || (name == "anthropic-version" && value == "2024-01-01");
  }
  CHECK(version);
}

TEST_CASE("anthropic joins text blocks and routes thinking blocks to reasoning",
          "[anthropic]") {
  ScopedEnv key("ANTHROPIC_API_KEY", kFakeKey);
  const auto adapter = CreateAnthropicAdapter(MakeConfig("anthropic", "claude-x"));
  const Completion c = CodecOf(*adapter).ParseResponse(
      Response(200, ReadFixture("anthropic/response_success.json")));
  REQUIRE(c.ok);
  CHECK(c.output == "Туыстық — 亲属 — القرابة.");
  CHECK(c.reasoning == "Пайдаланушы қысқа жауап сұрайды.");
  CHECK(c.finish_reason == "end_turn");
  CHECK(c.input_tokens == 25);
  CHECK(c.output_tokens == 19);
  CHECK(c.served_model == "claude-sonnet-4-20250514");
}

TEST_CASE("anthropic error bodies give http_<status> with the error type and message",
          "[anthropic]") {
  ScopedEnv key("ANTHROPIC_API_KEY", kFakeKey);
  const auto adapter = CreateAnthropicAdapter(MakeConfig("anthropic", "claude-x"));
  const HttpCodec& codec = CodecOf(*adapter);
  Completion c = codec.ParseResponse(Response(529, ReadFixture("anthropic/response_error_529.json")));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "http_529");
  CHECK_THAT(c.error, Catch::Contains("overloaded_error: Overloaded"));
  c = codec.ParseResponse(Response(400, ReadFixture("anthropic/response_error_400.json")));
  CHECK(c.error_kind == "http_400");
  CHECK_THAT(c.error, Catch::Contains("roles must alternate"));
}

TEST_CASE("anthropic bodies that are cut or lack content are bad_response", "[anthropic]") {
  ScopedEnv key("ANTHROPIC_API_KEY", kFakeKey);
  const auto adapter = CreateAnthropicAdapter(MakeConfig("anthropic", "claude-x"));
  const std::string full = ReadFixture("anthropic/response_success.json");
  for (const std::string& body : {full.substr(0, full.size() / 2), std::string(R"({"id":"m"})")}) {
    const Completion c = CodecOf(*adapter).ParseResponse(Response(200, body));
    CHECK_FALSE(c.ok);
    CHECK(c.error_kind == "bad_response");
  }
  const Completion minimal =
      CodecOf(*adapter).ParseResponse(Response(200, R"({"content":[{"type":"text","text":"hi"}]})"));
  REQUIRE(minimal.ok);
  CHECK(minimal.output == "hi");
  CHECK(minimal.input_tokens == -1);
}

TEST_CASE("anthropic without ANTHROPIC_API_KEY is a ConfigError", "[anthropic]") {
  ScopedEnv key("ANTHROPIC_API_KEY", std::nullopt);
  CHECK_THROWS_AS(CreateAnthropicAdapter(MakeConfig("anthropic", "claude-x")), ConfigError);
}

}  // namespace
}  // namespace kinship
