#include "harness/cache/response_cache_key.h"

#include <functional>
#include <string>

#include <catch2/catch.hpp>

namespace {

using kinship::ModelConfig;
using kinship::ModelRequest;
using kinship::ResponseCacheKey;

ModelConfig Model() {
  ModelConfig model;
  model.name = "teacher-a";
  model.adapter = "openai";
  model.model = "gpt-4o-mini";
  model.base_url = "https://api.example.com/v1";
  model.api_key_env = "EXAMPLE_API_KEY";
  model.options = {{"top_logprobs", 5}, {"headers", {{"X-Title", "kinship"}}}};
  return model;
}

ModelRequest Request() {
  ModelRequest request;
  request.model_name = "teacher-a";
  request.suite = "demo";
  request.prompt_id = "p-001";
  request.messages = {{kinship::Role::kSystem, "Be brief."},
                      {kinship::Role::kUser, "Қазақстанның астанасы қай қала?"}};
  request.sampling.temperature = 0.7;
  request.sampling.max_tokens = 256;
  request.sample_index = 2;
  request.seed = 12345;
  return request;
}

std::string Key(const std::function<void(ModelConfig&, ModelRequest&)>& change) {
  ModelConfig model = Model();
  ModelRequest request = Request();
  change(model, request);
  return ResponseCacheKey(model, request);
}

}  // namespace

TEST_CASE("The same inputs give the same key, a 64-digit hex SHA-256", "[cache_key]") {
  const std::string key = ResponseCacheKey(Model(), Request());
  CHECK(key == ResponseCacheKey(Model(), Request()));
  REQUIRE(key.size() == 64);
  CHECK(key.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("Every input that can change the answer changes the key", "[cache_key]") {
  const std::string base = Key([](ModelConfig&, ModelRequest&) {});
  using Change = std::function<void(ModelConfig&, ModelRequest&)>;
  const std::vector<std::pair<std::string, Change>> changes = {
      {"temperature", [](ModelConfig&, ModelRequest& r) { r.sampling.temperature = 0.71; }},
      {"top_p set", [](ModelConfig&, ModelRequest& r) { r.sampling.top_p = 1.0; }},
      {"max_tokens", [](ModelConfig&, ModelRequest& r) { r.sampling.max_tokens = 257; }},
      {"sampling seed", [](ModelConfig&, ModelRequest& r) { r.sampling.seed = 1; }},
      {"stop", [](ModelConfig&, ModelRequest& r) { r.sampling.stop = std::vector<std::string>{"\n"}; }},
      {"item seed", [](ModelConfig&, ModelRequest& r) { r.seed = 12346; }},
      {"sample index", [](ModelConfig&, ModelRequest& r) { r.sample_index = 3; }},
      {"message text", [](ModelConfig&, ModelRequest& r) { r.messages[1].content += " "; }},
      {"message role", [](ModelConfig&, ModelRequest& r) { r.messages[0].role = kinship::Role::kUser; }},
      {"message dropped", [](ModelConfig&, ModelRequest& r) { r.messages.erase(r.messages.begin()); }},
      {"model", [](ModelConfig& m, ModelRequest&) { m.model = "gpt-4o"; }},
      {"adapter", [](ModelConfig& m, ModelRequest&) { m.adapter = "azure"; }},
      {"base_url", [](ModelConfig& m, ModelRequest&) { m.base_url = "https://eu.example.com/v1"; }},
      {"option value", [](ModelConfig& m, ModelRequest&) { m.options["top_logprobs"] = 6; }},
      {"option added", [](ModelConfig& m, ModelRequest&) { m.options["stream"] = true; }},
      {"extra_body max_tokens", [](ModelConfig& m, ModelRequest&) {
         m.options["extra_body"] = {{"max_tokens", 9}};
       }},
      {"header added", [](ModelConfig& m, ModelRequest&) { m.options["headers"]["X-Beta"] = "1"; }},
  };
  for (const auto& [what, change] : changes) {
    INFO(what);
    CHECK(Key(change) != base);
  }
}

TEST_CASE("Differing invalid UTF-8 in a message gives differing keys", "[cache_key]") {
  auto a = Key([](ModelConfig&, ModelRequest& r) { r.messages[1].content = std::string("x\xD3", 2); });
  auto b = Key([](ModelConfig&, ModelRequest& r) { r.messages[1].content = std::string("x\xFF", 2); });
  CHECK(a != b);
}

TEST_CASE("What cannot change the answer leaves the key alone", "[cache_key]") {
  const std::string base = Key([](ModelConfig&, ModelRequest&) {});
  CHECK(Key([](ModelConfig& m, ModelRequest& r) {
          m.name = "renamed";
          r.model_name = "renamed";
        }) == base);
  CHECK(Key([](ModelConfig& m, ModelRequest&) {
          m.concurrency = 64;
          m.rpm = 10;
          m.timeout_s = 5;
          m.price_input_per_mtok = 2.5;
        }) == base);
  // base_url is normalised: a trailing slash names the same endpoint.
  CHECK(Key([](ModelConfig& m, ModelRequest&) { m.base_url += "/"; }) == base);
}

TEST_CASE("Secrets never reach the key", "[cache_key]") {
  const std::string base = Key([](ModelConfig&, ModelRequest&) {});
  // Only the variable's NAME is in a config, and not even that is keyed.
  CHECK(Key([](ModelConfig& m, ModelRequest&) { m.api_key_env = "OTHER_KEY_VARIABLE"; }) == base);
  // Header values: only the names count.
  CHECK(Key([](ModelConfig& m, ModelRequest&) { m.options["headers"]["X-Title"] = "sk-other"; }) ==
        base);
  CHECK(Key([](ModelConfig& m, ModelRequest&) { m.options["headers"] = {{"x-title", "y"}}; }) ==
        base);
  // Credential-looking options, at any depth.
  CHECK(Key([](ModelConfig& m, ModelRequest&) { m.options["api_key"] = "sk-planted"; }) == base);
  CHECK(Key([](ModelConfig& m, ModelRequest&) {
          m.options["access_token"] = "t";
          m.options["client_secret"] = "s";
        }) == base);
  const auto with_body = [](const std::string& token) {
    return Key([&](ModelConfig& m, ModelRequest&) {
      m.options["extra_body"] = {{"user", "u1"}, {"auth", {{"password", token}}}};
    });
  };
  CHECK(with_body("hunter2") == with_body("correct horse"));
  const std::string dump = kinship::CanonicalCacheRequest(Model(), Request()).dump();
  CHECK(dump.find("EXAMPLE_API_KEY") == std::string::npos);
  CHECK(dump.find("kinship\"") == std::string::npos);  // the X-Title header's value
}

TEST_CASE("LooksSecret catches credentials but not sampling limits", "[cache_key]") {
  for (const char* name : {"api_key", "API-Key", "apiKey", "token", "access_token", "Authorization",
                           "password", "client_secret", "cookie", "key", "private_key"}) {
    INFO(name);
    CHECK(kinship::LooksSecret(name));
  }
  for (const char* name : {"max_tokens", "max_completion_tokens", "top_logprobs", "stream",
                           "headers", "extra_body", "keep_alive", "num_ctx"}) {
    INFO(name);
    CHECK_FALSE(kinship::LooksSecret(name));
  }
}

TEST_CASE("The key format is pinned", "[cache_key]") {
  // Changing the canonical form silently orphans every user's cache; if this fails on
  // purpose, bump kCacheKeyFormat and update the value.
  ModelConfig model;
  model.adapter = "echo";
  model.model = "m";
  ModelRequest request;
  request.messages = {{kinship::Role::kUser, "hi"}};
  request.sampling.temperature = 0.0;
  request.sampling.max_tokens = 16;
  CHECK(kinship::CanonicalCacheRequest(model, request).dump() ==
        R"({"adapter":"echo","base_url":"","format":1,"messages":[{"content":"hi","role":"user"}],)"
        R"("model":"m","options":{},"sample_index":0,"sampling":{"max_tokens":16,"seed":null,)"
        R"("stop":null,"temperature":0.0,"top_p":null},"seed":0})");
}
