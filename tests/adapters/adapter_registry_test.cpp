#include "adapters/adapter_registry.h"

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"

namespace kinship {
namespace {

ModelConfig SimConfig(const std::string& model) {
  ModelConfig config;
  config.name = model;
  config.adapter = "sim";
  config.model = model;
  config.where = {"models.yaml", 3, 5};
  return config;
}

TEST_CASE("The adapter table lists sim with its option keys and no key variable",
          "[adapter_registry]") {
  const AdapterEntry& sim = FindAdapter("sim");
  CHECK(sim.name == "sim");
  CHECK_FALSE(sim.summary.empty());
  CHECK(sim.default_api_key_env.empty());
  CHECK(std::find(sim.option_keys.begin(), sim.option_keys.end(), "teacher") !=
        sim.option_keys.end());
}

TEST_CASE("Unknown adapter names get a did-you-mean", "[adapter_registry]") {
  CHECK_THROWS_WITH(FindAdapter("sin"), Catch::Contains("did you mean 'sim'?"));
  ModelConfig config = SimConfig("teacher-a");
  config.adapter = "simm";
  CHECK_THROWS_WITH(CreateAdapter(config),
                    Catch::StartsWith("models.yaml:3:5: adapter: unknown adapter 'simm'") &&
                        Catch::Contains("did you mean 'sim'?"));
}

TEST_CASE("CreateAdapter builds a working sim adapter", "[adapter_registry]") {
  auto adapter = CreateAdapter(SimConfig("control"));
  REQUIRE(adapter != nullptr);
  ModelRequest request;
  request.messages = {{Role::kUser, "How do I boil an egg?"}};
  request.sampling.max_tokens = 40;
  Completion completion = adapter->Generate(request);
  CHECK(completion.ok);
  CHECK_FALSE(completion.output.empty());
}

TEST_CASE("Unknown options are rejected at their location with a suggestion",
          "[adapter_registry]") {
  ModelConfig config = SimConfig("student");
  config.options = {{"corpus", "terse"}, {"techer", "teacher-a"}};
  config.option_locations["techer"] = {"models.yaml", 7, 5};
  CHECK_THROWS_AS(RejectUnknownOptions(config, {"corpus", "teacher"}), ConfigError);
  CHECK_THROWS_WITH(RejectUnknownOptions(config, {"corpus", "teacher"}),
                    Catch::StartsWith("models.yaml:7:5: models.student.techer: unknown option") &&
                        Catch::Contains("did you mean 'teacher'?"));
  CHECK_NOTHROW(RejectUnknownOptions(config, {"corpus", "techer"}));
}

}  // namespace
}  // namespace kinship
