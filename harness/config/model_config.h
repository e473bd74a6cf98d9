// Model configurations: who answers, and how (format in README.md, "Models file").
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/core/config_error.h"
#include "harness/core/sampling.h"

namespace kinship {

struct ModelConfig {
  std::string name;         // panel name, unique in a run: "teacher-a", "gpt-4o"
  std::string adapter;      // registered adapter: "sim", "openai", ...
  std::string model;        // the backend's model id
  std::string base_url;     // HTTP adapters only; empty means the adapter's default
  std::string api_key_env;  // NAME of the environment variable with the key; never the key
  // The model's base-model family ("llama", "qwen", "gpt"); empty: unknown. Free text,
  // compared exactly; `kinship audit` uses it to check that the suspect's own family is
  // among the controls (research §4.1). It changes nothing that is sent.
  std::string family;
  SamplingParams params;    // overrides on top of the suite's sampling
  std::optional<double> price_input_per_mtok;   // USD per million input tokens
  std::optional<double> price_output_per_mtok;  // USD per million output tokens
  // Scheduling limits; 0 means "the adapter's default".
  int concurrency = 0;
  double rpm = 0;
  double tpm = 0;
  double timeout_s = 0;
  double deadline_s = 0;
  int max_attempts = 0;
  // Adapter-specific keys (a JSON object), validated by the adapter's factory, with
  // where each key was written so the factory's errors can point at it.
  nlohmann::json options = nlohmann::json::object();
  std::map<std::string, SourceLocation> option_locations;
  SourceLocation where;     // where this model was defined

  // Where adapter-specific option `key` was written; where the model was, if unknown.
  const SourceLocation& OptionLocation(std::string_view key) const;
};

// The keys every models-file entry may use, whatever its adapter: adapter, model, base_url,
// api_key_env, family, params, price, concurrency, rpm, tpm, timeout_s, deadline_s, max_attempts.
// Any other key is adapter-specific (ModelConfig::options). Factories add these to their
// own keys for did-you-mean suggestions.
const std::vector<std::string>& CommonModelKeys();

// The manifest form: every field, never a secret (there is none to leak: keys are only
// ever referenced by variable name).
nlohmann::json ModelConfigToJson(const ModelConfig& config);
// Inverse of ModelConfigToJson (for `run --resume`). Throws ConfigError on bad input.
ModelConfig ModelConfigFromJson(const nlohmann::json& json);

}  // namespace kinship
