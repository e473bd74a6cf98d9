#include "adapters/openai/openai_codec.h"

#include <catch2/catch.hpp>

#include "adapters/openai/openai_adapter.h"
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

TEST_CASE("openai builds the Chat Completions request of the fixture, logprobs included",
          "[openai]") {
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateOpenAiAdapter(
      MakeConfig("openai", "gpt-4o-mini", "", {{"logprobs", true}, {"top_logprobs", 2}}));
  testing::CheckRequestMatchesFixture(CodecOf(*adapter).BuildRequest(testing::StandardRequest()),
                                      "openai/request_basic.json");
}

TEST_CASE("openai to a loopback server sends no key, and honours stream, headers, extra_body",
          "[openai]") {
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);  // present, yet must not leak to a local server
  const auto adapter = CreateOpenAiAdapter(MakeConfig(
      "openai", "Qwen/Qwen2.5-7B-Instruct", "http://127.0.0.1:8000/v1/",
      {{"stream", true},
       {"max_completion_tokens", true},
       {"send_seed", false},
       {"headers", {{"X-Trace", "run-7"}}},
       {"extra_body", {{"repetition_penalty", 1.05}}}}));
  testing::CheckRequestMatchesFixture(CodecOf(*adapter).BuildRequest(testing::StandardRequest()),
                                      "openai/request_local_stream.json");
}

TEST_CASE("openai writes the same request body by hand as through the JSON DOM", "[openai]") {
  // Without extra_body the body is written by hand; an extra_body that removes a field the
  // codec never sends takes the DOM path with nothing changed. Byte for byte the same.
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);
  const nlohmann::json no_op_extra = {{"not_sent_anyway", nullptr}};
  const std::vector<nlohmann::json> option_sets = {
      nlohmann::json::object(),
      {{"logprobs", true}, {"top_logprobs", 3}},
      {{"stream", true}, {"max_completion_tokens", true}, {"send_seed", false}},
  };
  ModelRequest request = testing::StandardRequest();
  request.messages.push_back({Role::kAssistant, "quote \" back\\ ctl \x01 \xF0\x9F\x99\x82 bad \xC3"});
  request.sampling.stop = std::vector<std::string>{"\n\n", "END"};
  request.sampling.top_p = 0.95;
  request.sampling.temperature = 1.0;
  for (const auto& options : option_sets) {
    INFO(options.dump());
    nlohmann::json with_extra = options;
    with_extra["extra_body"] = no_op_extra;
    const auto hand = CreateOpenAiAdapter(MakeConfig("openai", "gpt-4o-mini", "", options));
    const auto dom = CreateOpenAiAdapter(MakeConfig("openai", "gpt-4o-mini", "", with_extra));
    CHECK(CodecOf(*hand).BuildRequest(request).body == CodecOf(*dom).BuildRequest(request).body);
    CHECK(CodecOf(*hand).BuildRequest(request).headers == CodecOf(*dom).BuildRequest(request).headers);
  }
}

TEST_CASE("openai extra_body null removes a field the codec would send", "[openai]") {
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateOpenAiAdapter(
      MakeConfig("openai", "o3-mini", "", {{"extra_body", {{"top_p", nullptr}}}}));
  const auto body =
      nlohmann::json::parse(CodecOf(*adapter).BuildRequest(testing::StandardRequest()).body);
  CHECK_FALSE(body.contains("top_p"));
  CHECK(body.contains("temperature"));
}

TEST_CASE("openai parses content, logprobs, usage, model and fingerprint byte-exact",
          "[openai]") {
  const Completion c = ParseChatCompletionBody(ReadFixture("openai/response_success.json"));
  REQUIRE(c.ok);
  CHECK(c.output == "Туыстық — 亲属关系 — القرابة.");
  CHECK(c.finish_reason == "stop");
  CHECK(c.input_tokens == 31);
  CHECK(c.output_tokens == 12);
  CHECK(c.reasoning_tokens == 0);
  CHECK(c.served_model == "gpt-4o-mini-2024-07-18");
  CHECK(c.system_fingerprint == "fp_0a1b2c3d4e");
  REQUIRE(c.logprobs.size() == 2);
  CHECK(c.logprobs[0].token == "Туыс");
  CHECK(c.logprobs[0].logprob == Approx(-0.015));
  REQUIRE(c.logprobs[0].top.size() == 2);
  CHECK(c.logprobs[0].top[1].first == "Бұл");
  CHECK(c.logprobs[0].top[1].second == Approx(-4.5));
  CHECK(c.logprobs[1].top.size() == 1);
}

TEST_CASE("openai reads a plain answer alike whether or not it carries logprobs or odd fields",
          "[openai]") {
  // The common answer is read in one pass; logprobs, errors and unexpected types go through
  // the JSON DOM. The two must agree on every field they share.
  const std::string plain = R"({"id":"x","model":"m-1","system_fingerprint":null,
    "choices":[{"index":0,"message":{"role":"assistant","content":"Hi \u00e9\n","refusal":null,
    "reasoning":"think"},"logprobs":null,"finish_reason":"length"},{"index":1}],
    "usage":{"prompt_tokens":3,"completion_tokens":4,"completion_tokens_details":{"reasoning_tokens":1},
    "extra":[1,2]}})";
  std::string with_logprobs = plain;
  with_logprobs.replace(with_logprobs.find("\"logprobs\":null"), 15,
                        R"("logprobs":{"content":[]})");
  std::string negative_count = plain;
  negative_count.replace(negative_count.find("\"prompt_tokens\":3"), 17, R"("prompt_tokens":-3)");
  const Completion fast = ParseChatCompletionBody(plain);
  for (const std::string& body : {with_logprobs, negative_count}) {
    const Completion dom = ParseChatCompletionBody(body);
    REQUIRE(dom.ok);
    CHECK(dom.output == fast.output);
    CHECK(dom.reasoning == fast.reasoning);
    CHECK(dom.finish_reason == fast.finish_reason);
    CHECK(dom.output_tokens == fast.output_tokens);
    CHECK(dom.reasoning_tokens == fast.reasoning_tokens);
    CHECK(dom.served_model == fast.served_model);
    CHECK(dom.system_fingerprint == fast.system_fingerprint);
  }
  REQUIRE(fast.ok);
  CHECK(fast.output == "Hi \xC3\xA9\n");
  CHECK(fast.reasoning == "think");
  CHECK(fast.finish_reason == "length");
  CHECK(fast.input_tokens == 3);
  CHECK(fast.output_tokens == 4);
  CHECK(fast.reasoning_tokens == 1);
  CHECK(fast.served_model == "m-1");
  CHECK(fast.system_fingerprint.empty());
  CHECK(ParseChatCompletionBody(negative_count).input_tokens == -1);
}

TEST_CASE("openai puts DeepSeek reasoning_content into reasoning", "[openai]") {
  const Completion c =
      ParseChatCompletionBody(ReadFixture("openai/response_deepseek_reasoning.json"));
  REQUIRE(c.ok);
  CHECK(c.output == "Answer: 42");
  CHECK(c.reasoning == "The user asks for a number. 思考一下: six times seven.");
  CHECK(c.reasoning_tokens == 35);
  CHECK(c.finish_reason == "length");
  CHECK(c.logprobs.empty());
}

TEST_CASE("openai tolerates a minimal answer with every optional field missing", "[openai]") {
  const Completion c = ParseChatCompletionBody(ReadFixture("openai/response_minimal.json"));
  REQUIRE(c.ok);
  CHECK(c.output == "ok");
  CHECK(c.input_tokens == -1);
  CHECK(c.output_tokens == -1);
  CHECK(c.served_model.empty());
}

TEST_CASE("openai error answers become http_<status> values without the key", "[openai]") {
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateOpenAiAdapter(MakeConfig("openai", "gpt-4o-mini"));
  const Completion c =
      CodecOf(*adapter).ParseResponse(Response(401, ReadFixture("openai/response_error_401.json")));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "http_401");
  CHECK_THAT(c.error, Catch::Contains("Incorrect API key provided"));
  CHECK_THAT(c.error, Catch::Contains("invalid_request_error"));
  CHECK(c.error.find(kFakeKey) == std::string::npos);
}

TEST_CASE("openai truncated or non-JSON bodies are bad_response values", "[openai]") {
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateOpenAiAdapter(MakeConfig("openai", "gpt-4o-mini"));
  const HttpCodec& codec = CodecOf(*adapter);
  for (const std::string& body :
       {ReadFixture("openai/response_truncated.json"), std::string("<html>bad gateway</html>"),
        std::string(""), std::string(R"({"choices": []})"), std::string("[1,2]")}) {
    const Completion c = codec.ParseResponse(Response(200, body));
    CHECK_FALSE(c.ok);
    CHECK(c.error_kind == "bad_response");
  }
}

TEST_CASE("openai a 200 answer holding only an error object is a backend_error", "[openai]") {
  const Completion c =
      ParseChatCompletionBody(R"({"error":{"message":"upstream timed out","code":502}})");
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "backend_error");
  CHECK_THAT(c.error, Catch::Contains("upstream timed out"));
}

TEST_CASE("openai assembles a streamed answer: content, reasoning, usage, finish reason",
          "[openai][stream]") {
  ScopedEnv key("DEEPSEEK_API_KEY", kFakeKey);
  const auto adapter = CreateOpenAiAdapter(
      MakeConfig("openai", "deepseek-reasoner", "https://api.deepseek.com", {{"stream", true}}));
  const Completion c = CodecOf(*adapter).ParseResponse(
      Response(200, ReadFixture("openai/response_stream.sse"),
               {{"content-type", "text/event-stream; charset=utf-8"}}));
  REQUIRE(c.ok);
  CHECK(c.output == "Сәлем, мир — مرحبا!");
  CHECK(c.reasoning == "Ойлану: 好的。");
  CHECK(c.finish_reason == "stop");
  CHECK(c.input_tokens == 9);
  CHECK(c.output_tokens == 11);
  CHECK(c.reasoning_tokens == 4);
  CHECK(c.served_model == "deepseek-reasoner");
  CHECK(c.system_fingerprint == "fp_s1");
}

TEST_CASE("openai stream parsing skips and counts malformed events", "[openai][stream]") {
  std::string stream = ReadFixture("openai/response_stream.sse");
  stream.insert(stream.find("data: [DONE]"), "data: {\"choices\": [{\"delta\": \n\ndata: nope\n\n");
  int malformed = 0;
  const Completion c = ParseChatCompletionStream(stream, &malformed);
  REQUIRE(c.ok);
  CHECK(malformed == 2);
  CHECK(c.output == "Сәлем, мир — مرحبا!");
}

TEST_CASE("openai streams with nothing parseable, or cut before the end, are bad_response",
          "[openai][stream]") {
  int malformed = 0;
  Completion c = ParseChatCompletionStream("data: {oops\n\ndata: [\n\n", &malformed);
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "bad_response");
  CHECK(malformed == 2);
  const std::string full = ReadFixture("openai/response_stream.sse");
  c = ParseChatCompletionStream(full.substr(0, full.find("\"finish_reason\":\"stop\"")));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "bad_response");
}

TEST_CASE("openai stream with an error event mid-way is a backend_error", "[openai][stream]") {
  const Completion c = ParseChatCompletionStream(
      "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n"
      "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n");
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "backend_error");
  CHECK_THAT(c.error, Catch::Contains("overloaded"));
}

TEST_CASE("openai picks the key variable from the base URL's host", "[openai][keys]") {
  CHECK(OpenAiDefaultKeyEnvFor("https://api.openai.com/v1") == "OPENAI_API_KEY");
  CHECK(OpenAiDefaultKeyEnvFor("https://api.deepseek.com") == "DEEPSEEK_API_KEY");
  CHECK(OpenAiDefaultKeyEnvFor("https://integrate.api.nvidia.com/v1") == "NVIDIA_API_KEY");
  CHECK(OpenAiDefaultKeyEnvFor("https://openrouter.ai/api/v1") == "OPENROUTER_API_KEY");
}

TEST_CASE("openai with a missing key variable fails at factory time naming the variable",
          "[openai][keys]") {
  ScopedEnv key("OPENAI_API_KEY", std::nullopt);
  try {
    CreateOpenAiAdapter(MakeConfig("openai", "gpt-4o-mini"));
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("environment variable OPENAI_API_KEY is not set"));
    CHECK_THAT(e.what(), Catch::StartsWith("models.yaml:3:5"));
  }
  ScopedEnv nvidia("NVIDIA_API_KEY", std::nullopt);
  CHECK_THROWS_WITH(
      CreateOpenAiAdapter(MakeConfig("openai", "m", "https://integrate.api.nvidia.com/v1")),
      Catch::Contains("NVIDIA_API_KEY"));
}

TEST_CASE("openai to a local server with an explicit api_key_env requires and sends it",
          "[openai][keys]") {
  ScopedEnv key("VLLM_KEY", kFakeKey);
  ModelConfig config = MakeConfig("openai", "m", "http://localhost:8000/v1");
  config.api_key_env = "VLLM_KEY";
  const auto adapter = CreateOpenAiAdapter(config);
  const HttpRequest r = CodecOf(*adapter).BuildRequest(testing::StandardRequest());
  bool found = false;
  for (const auto& [name, value] : r.headers) {
    found = found || (name == "Authorization" && value == std::string("Bearer ") + kFakeKey);
  }
  CHECK(found);
  CHECK(r.body.find(kFakeKey) == std::string::npos);
}

TEST_CASE("openai rejects bad option values at the option's location", "[openai][options]") {
  ScopedEnv key("OPENAI_API_KEY", kFakeKey);
  CHECK_THROWS_WITH(CreateOpenAiAdapter(MakeConfig("openai", "m", "", {{"top_logprobs", 50}})),
                    Catch::StartsWith("models.yaml:9:7: top_logprobs: must be an integer"));
  CHECK_THROWS_WITH(CreateOpenAiAdapter(MakeConfig("openai", "m", "", {{"logprobs", "yes"}})),
                    Catch::Contains("logprobs: must be true or false"));
  CHECK_THROWS_WITH(
      CreateOpenAiAdapter(MakeConfig("openai", "m", "", {{"headers", {{"Authorization", "x"}}}})),
      Catch::Contains("api_key_env"));
  CHECK_THROWS_WITH(CreateOpenAiAdapter(MakeConfig("openai", "m", "", {{"extra_body", 3}})),
                    Catch::Contains("extra_body: must be a map"));
  CHECK_THROWS_WITH(CreateOpenAiAdapter(MakeConfig("openai", "m", "ftp://x")),
                    Catch::Contains("base_url"));
}

}  // namespace
}  // namespace kinship
