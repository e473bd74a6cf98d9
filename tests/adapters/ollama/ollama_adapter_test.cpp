#include "adapters/ollama/ollama_adapter.h"

#include <catch2/catch.hpp>

#include "tests/adapters/wire/wire_test_support.h"

namespace kinship {
namespace {

using testing::CodecOf;
using testing::MakeConfig;
using testing::ReadFixture;
using testing::Response;

TEST_CASE("ollama builds a non-streamed /api/chat request with sampling in options",
          "[ollama]") {
  const auto adapter = CreateOllamaAdapter(MakeConfig("ollama", "qwen3:8b", "", {{"think", true}}));
  testing::CheckRequestMatchesFixture(CodecOf(*adapter).BuildRequest(testing::StandardRequest()),
                                      "ollama/request_basic.json");
}

TEST_CASE("ollama parses content, thinking, done_reason and eval counts", "[ollama]") {
  const auto adapter = CreateOllamaAdapter(MakeConfig("ollama", "qwen3:8b"));
  const Completion c =
      CodecOf(*adapter).ParseResponse(Response(200, ReadFixture("ollama/response_success.json")));
  REQUIRE(c.ok);
  CHECK(c.output == "Туыстық — 亲属 — القرابة.");
  CHECK(c.reasoning == "Қысқаша жауап беремін.");
  CHECK(c.finish_reason == "stop");
  CHECK(c.input_tokens == 27);
  CHECK(c.output_tokens == 16);
  CHECK(c.served_model == "qwen3:8b");
}

TEST_CASE("ollama errors: string error JSON, cut bodies", "[ollama]") {
  const auto adapter = CreateOllamaAdapter(MakeConfig("ollama", "qwen3:8b"));
  const HttpCodec& codec = CodecOf(*adapter);
  Completion c = codec.ParseResponse(Response(404, ReadFixture("ollama/response_error_404.json")));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "http_404");
  CHECK_THAT(c.error, Catch::Contains("try pulling it first"));
  c = codec.ParseResponse(Response(200, R"({"model":"qwen3:8b","message":{"content":"a)"));
  CHECK(c.error_kind == "bad_response");
  c = codec.ParseResponse(Response(200, R"({"error":"out of memory"})"));
  CHECK(c.error_kind == "backend_error");
}

TEST_CASE("ollama sends a key only when api_key_env names one", "[ollama]") {
  testing::ScopedEnv key("OLLAMA_PROXY_KEY", testing::kFakeKey);
  ModelConfig config = MakeConfig("ollama", "llama3.2", "https://ollama.example.org");
  config.api_key_env = "OLLAMA_PROXY_KEY";
  const HttpRequest r = CodecOf(*CreateOllamaAdapter(config)).BuildRequest(testing::StandardRequest());
  CHECK(r.url == "https://ollama.example.org/api/chat");
  REQUIRE(r.headers.size() == 3);
  CHECK(r.headers[2].first == "Authorization");
}

}  // namespace
}  // namespace kinship
