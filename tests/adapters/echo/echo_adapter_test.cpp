#include "adapters/echo/echo_adapter.h"

#include <catch2/catch.hpp>

#include "adapters/adapter_registry.h"
#include "harness/core/config_error.h"

using namespace kinship;

namespace {

ModelConfig EchoConfig() {
  ModelConfig config;
  config.name = "e";
  config.adapter = "echo";
  config.model = "e";
  return config;
}

}  // namespace

TEST_CASE("echo answers with the last user turn byte-exact, behind its prefix", "[echo]") {
  ModelConfig config = EchoConfig();
  config.options = {{"prefix", "» "}};
  auto adapter = CreateAdapter(config);
  ModelRequest request;
  request.messages = {{Role::kSystem, "sys"}, {Role::kUser, "first"}, {Role::kAssistant, "ok"},
                      {Role::kUser, "Сәлем, 世界! مرحبا"}};
  Completion c = adapter->Generate(request);
  CHECK(c.ok);
  CHECK(c.output == "» Сәлем, 世界! مرحبا");
  CHECK(c.finish_reason == "stop");
}

TEST_CASE("echo without a user turn is an error value, not an exception", "[echo]") {
  auto adapter = CreateAdapter(EchoConfig());
  ModelRequest request;
  request.messages = {{Role::kSystem, "only a system prompt"}};
  Completion c = adapter->Generate(request);
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "bad_request");
}

TEST_CASE("echo validates its options", "[echo]") {
  ModelConfig config = EchoConfig();
  config.options = {{"latency_ms", "slow"}};
  CHECK_THROWS_WITH(CreateAdapter(config), Catch::Contains("latency_ms: expected a number"));
  config.options = {{"prefx", "x"}};
  CHECK_THROWS_WITH(CreateAdapter(config), Catch::Contains("did you mean 'prefix'?"));
}
