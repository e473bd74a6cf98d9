// Adapter options: typed readers for the adapter-specific keys of a model config
// (ModelConfig::options), shared by every wire adapter so each validates its values the
// same way. The registry has already rejected unknown keys; these check the VALUES and
// throw ConfigError at the key's location ("models.yaml:12:5: top_logprobs: must be an
// integer from 0 to 20"), falling back to the model's own location.
//
// Stateless free functions; thread-safe. Each returns nullopt when the key is absent.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/config/model_config.h"
#include "harness/core/http_message.h"

namespace kinship {

// Throws ConfigError at the location of option `key` (or the model's location).
[[noreturn]] void ThrowOptionError(const ModelConfig& config, std::string_view key,
                                   const std::string& message);

std::optional<bool> BoolOption(const ModelConfig& config, std::string_view key);
std::optional<int> IntOption(const ModelConfig& config, std::string_view key, int min, int max);
std::optional<double> NumberOption(const ModelConfig& config, std::string_view key, double min,
                                   double max);
// A non-empty string.
std::optional<std::string> StringOption(const ModelConfig& config, std::string_view key);
// A non-empty list of strings.
std::optional<std::vector<std::string>> StringListOption(const ModelConfig& config,
                                                         std::string_view key);
// A map of string to string (scalar numbers and booleans are accepted and written out,
// since YAML users write `X-Title: 1` without quotes).
std::optional<std::map<std::string, std::string>> StringMapOption(const ModelConfig& config,
                                                                  std::string_view key);
// Any JSON object.
std::optional<nlohmann::json> ObjectOption(const ModelConfig& config, std::string_view key);

}  // namespace kinship

namespace kinship {

// The two escape hatches every HTTP adapter offers: `headers` (extra request headers,
// e.g. OpenRouter's HTTP-Referer) and `extra_body` (a map merged into the request JSON
// as an RFC 7386 merge patch, so a null value removes a field the codec would send).
struct ExtraHttpFields {
  std::map<std::string, std::string> headers;
  nlohmann::json body = nlohmann::json::object();

  // Reads options `headers` and `extra_body`. Throws ConfigError on bad values, and on
  // headers that would carry or replace a credential (the key comes from api_key_env).
  static ExtraHttpFields FromOptions(const ModelConfig& config);

  void ApplyTo(HttpHeaders* request_headers) const;
  void ApplyTo(nlohmann::json* request_body) const;
};

}  // namespace kinship
