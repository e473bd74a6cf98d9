#include "adapters/wire/adapter_options.h"

#include <cmath>

#include <fmt/format.h>

#include "harness/core/ascii_case.h"
#include "harness/core/config_error.h"

namespace kinship {
namespace {

const nlohmann::json* Find(const ModelConfig& config, std::string_view key) {
  if (!config.options.is_object()) return nullptr;
  const auto it = config.options.find(std::string(key));
  if (it == config.options.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

void ThrowOptionError(const ModelConfig& config, std::string_view key,
                      const std::string& message) {
  throw ConfigError(config.OptionLocation(key), std::string(key), message);
}

std::optional<bool> BoolOption(const ModelConfig& config, std::string_view key) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) ThrowOptionError(config, key, "must be true or false");
  return v->get<bool>();
}

std::optional<int> IntOption(const ModelConfig& config, std::string_view key, int min, int max) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  const std::string range = fmt::format("must be an integer from {} to {}", min, max);
  if (!v->is_number()) ThrowOptionError(config, key, range);
  const double d = v->get<double>();
  if (std::floor(d) != d || d < min || d > max) ThrowOptionError(config, key, range);
  return static_cast<int>(d);
}

std::optional<double> NumberOption(const ModelConfig& config, std::string_view key, double min,
                                   double max) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  const std::string range = fmt::format("must be a number from {} to {}", min, max);
  if (!v->is_number()) ThrowOptionError(config, key, range);
  const double d = v->get<double>();
  if (!(d >= min && d <= max)) ThrowOptionError(config, key, range);
  return d;
}

std::optional<std::string> StringOption(const ModelConfig& config, std::string_view key) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
    ThrowOptionError(config, key, "must be a non-empty string");
  }
  return v->get<std::string>();
}

std::optional<std::vector<std::string>> StringListOption(const ModelConfig& config,
                                                         std::string_view key) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  const char* kShape = "must be a non-empty list of strings";
  if (!v->is_array() || v->empty()) ThrowOptionError(config, key, kShape);
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) ThrowOptionError(config, key, kShape);
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::map<std::string, std::string>> StringMapOption(const ModelConfig& config,
                                                                  std::string_view key) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object()) ThrowOptionError(config, key, "must be a map of names to strings");
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : v->items()) {
    if (name.empty()) ThrowOptionError(config, key, "names must not be empty");
    if (value.is_string()) {
      out[name] = value.get<std::string>();
    } else if (value.is_number() || value.is_boolean()) {
      out[name] = value.dump();
    } else {
      ThrowOptionError(config, key, fmt::format("value of '{}' must be a string", name));
    }
  }
  return out;
}

std::optional<nlohmann::json> ObjectOption(const ModelConfig& config, std::string_view key) {
  const nlohmann::json* v = Find(config, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object()) ThrowOptionError(config, key, "must be a map");
  return *v;
}

}  // namespace kinship

namespace kinship {

ExtraHttpFields ExtraHttpFields::FromOptions(const ModelConfig& config) {
  ExtraHttpFields out;
  if (auto headers = StringMapOption(config, "headers")) {
    for (const auto& [name, value] : *headers) {
      const std::string lower = AsciiLowerCopy(name);
      if (lower == "authorization" || lower == "api-key" || lower == "x-api-key" ||
          lower == "x-goog-api-key") {
        ThrowOptionError(config, "headers",
                         "'" + name + "' carries the API key; name the environment variable "
                         "holding it with api_key_env instead of writing it in the file");
      }
    }
    out.headers = std::move(*headers);
  }
  if (auto body = ObjectOption(config, "extra_body")) out.body = std::move(*body);
  return out;
}

void ExtraHttpFields::ApplyTo(HttpHeaders* request_headers) const {
  for (const auto& [name, value] : headers) request_headers->emplace_back(name, value);
}

void ExtraHttpFields::ApplyTo(nlohmann::json* request_body) const {
  if (!body.empty()) request_body->merge_patch(body);
}

}  // namespace kinship
