#include "harness/config/model_config.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

ModelConfig FullConfig() {
  ModelConfig config;
  config.name = "gpt-mini";
  config.adapter = "openai";
  config.model = "gpt-4o-mini";
  config.base_url = "https://api.example.com/v1";
  config.api_key_env = "OPENAI_API_KEY";
  config.family = "gpt";
  config.params.temperature = 0.7;
  config.params.top_p = 0.9;
  config.params.max_tokens = 256;
  config.params.seed = 18446744073709551615ull;
  config.params.stop = std::vector<std::string>{"###", "Конец"};
  config.price_input_per_mtok = 0.15;
  config.price_output_per_mtok = 0.6;
  config.concurrency = 8;
  config.rpm = 500;
  config.tpm = 200000;
  config.timeout_s = 60;
  config.deadline_s = 300;
  config.max_attempts = 5;
  config.options = {{"organization", "org-1"}, {"extra", {{"n", 2}, {"list", {1, "a"}}}}};
  config.option_locations["organization"] = SourceLocation{"models.yaml", 9, 5};
  config.option_locations["extra"] = SourceLocation{"models.yaml", 10, 5};
  config.where = SourceLocation{"models.yaml", 2, 3};
  return config;
}

void CheckSame(const ModelConfig& a, const ModelConfig& b) {
  CHECK(a.name == b.name);
  CHECK(a.adapter == b.adapter);
  CHECK(a.model == b.model);
  CHECK(a.base_url == b.base_url);
  CHECK(a.api_key_env == b.api_key_env);
  CHECK(a.family == b.family);
  CHECK(a.params.temperature == b.params.temperature);
  CHECK(a.params.top_p == b.params.top_p);
  CHECK(a.params.max_tokens == b.params.max_tokens);
  CHECK(a.params.seed == b.params.seed);
  CHECK(a.params.stop == b.params.stop);
  CHECK(a.price_input_per_mtok == b.price_input_per_mtok);
  CHECK(a.price_output_per_mtok == b.price_output_per_mtok);
  CHECK(a.concurrency == b.concurrency);
  CHECK(a.rpm == b.rpm);
  CHECK(a.tpm == b.tpm);
  CHECK(a.timeout_s == b.timeout_s);
  CHECK(a.deadline_s == b.deadline_s);
  CHECK(a.max_attempts == b.max_attempts);
  CHECK(a.options == b.options);
  REQUIRE(a.option_locations.size() == b.option_locations.size());
  for (const auto& [key, where] : a.option_locations) {
    CHECK(where.ToString() == b.option_locations.at(key).ToString());
  }
  CHECK(a.where.ToString() == b.where.ToString());
}

TEST_CASE("ModelConfigToJson and FromJson round-trip every field") {
  ModelConfig config = FullConfig();
  nlohmann::json json = ModelConfigToJson(config);
  CheckSame(ModelConfigFromJson(json), config);
  // And through text, as a manifest stores it.
  CheckSame(ModelConfigFromJson(nlohmann::json::parse(json.dump())), config);
}

TEST_CASE("a minimal config round-trips with unset fields left unset") {
  ModelConfig config;
  config.name = "teacher-a";
  config.adapter = "sim";
  ModelConfig back = ModelConfigFromJson(ModelConfigToJson(config));
  CheckSame(back, config);
  CHECK_FALSE(back.params.temperature.has_value());
  CHECK_FALSE(back.price_input_per_mtok.has_value());
}

TEST_CASE("the manifest JSON names the key variable and holds no key field") {
  nlohmann::json json = ModelConfigToJson(FullConfig());
  CHECK(json["api_key_env"] == "OPENAI_API_KEY");
  for (const char* key : {"api_key", "key", "token"}) CHECK_FALSE(json.contains(key));
}

TEST_CASE("ModelConfigFromJson rejects malformed input") {
  nlohmann::json json = ModelConfigToJson(FullConfig());
  nlohmann::json bad = json;
  bad["api_key"] = "x";
  CHECK_THROWS_WITH(ModelConfigFromJson(bad), Catch::Contains("api_key: unknown key"));
  bad = json;
  bad["rpm"] = "fast";
  CHECK_THROWS_WITH(ModelConfigFromJson(bad), "model config (JSON): rpm: expected a number");
  bad = json;
  bad.erase("adapter");
  CHECK_THROWS_WITH(ModelConfigFromJson(bad), "model config (JSON): adapter: missing or empty");
  bad = json;
  bad["params"]["seed"] = -1;
  CHECK_THROWS_WITH(ModelConfigFromJson(bad),
                    "model config (JSON): params.seed: expected a non-negative integer");
  CHECK_THROWS_AS(ModelConfigFromJson(nlohmann::json::array()), ConfigError);
}

}  // namespace
}  // namespace kinship
