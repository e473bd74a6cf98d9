#include "harness/config/model_config.h"

#include "harness/core/did_you_mean.h"

namespace kinship {

const SourceLocation& ModelConfig::OptionLocation(std::string_view key) const {
  auto it = option_locations.find(std::string(key));
  return it == option_locations.end() ? where : it->second;
}

namespace {

using nlohmann::json;

const std::vector<std::string> kJsonKeys = {
    "name",      "adapter", "model",       "base_url",   "api_key_env", "family", "params",
    "price",     "concurrency", "rpm",     "tpm",        "timeout_s",   "deadline_s",
    "max_attempts", "options", "option_locations", "where"};
const std::vector<std::string> kParamsKeys = {"temperature", "top_p", "max_tokens", "seed",
                                              "stop"};
const std::vector<std::string> kPriceKeys = {"input_per_mtok", "output_per_mtok"};
const std::vector<std::string> kLocationKeys = {"file", "line", "column"};

[[noreturn]] void Bad(const std::string& field, const std::string& message) {
  throw ConfigError(SourceLocation{"model config (JSON)", 0, 0}, field, message);
}

void RejectUnknown(const json& object, const std::vector<std::string>& allowed,
                   const std::string& prefix) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (const auto& name : allowed) known = known || name == key;
    if (!known) Bad(prefix + key, "unknown key" + DidYouMean(key, allowed));
  }
}

const json& Object(const json& value, const std::string& field) {
  if (!value.is_object()) Bad(field, "expected an object");
  return value;
}

std::string String(const json& object, const char* key, const std::string& prefix) {
  auto it = object.find(key);
  if (it == object.end()) return "";
  if (!it->is_string()) Bad(prefix + key, "expected a string");
  return it->get<std::string>();
}

double Number(const json& object, const char* key, const std::string& prefix) {
  auto it = object.find(key);
  if (it == object.end()) return 0;
  if (!it->is_number()) Bad(prefix + key, "expected a number");
  return it->get<double>();
}

int Integer(const json& object, const char* key, const std::string& prefix) {
  auto it = object.find(key);
  if (it == object.end()) return 0;
  if (!it->is_number_integer()) Bad(prefix + key, "expected an integer");
  return it->get<int>();
}

json LocationToJson(const SourceLocation& where) {
  return json{{"file", where.file}, {"line", where.line}, {"column", where.column}};
}

SourceLocation LocationFromJson(const json& value, const std::string& field) {
  Object(value, field);
  RejectUnknown(value, kLocationKeys, field + ".");
  return SourceLocation{String(value, "file", field + "."), Integer(value, "line", field + "."),
                        Integer(value, "column", field + ".")};
}

}  // namespace

const std::vector<std::string>& CommonModelKeys() {
  static const std::vector<std::string> keys = {
      "adapter",     "model", "base_url",  "api_key_env", "family",     "params",     "price",
      "concurrency", "rpm",   "tpm",       "timeout_s",   "deadline_s", "max_attempts"};
  return keys;
}

json ModelConfigToJson(const ModelConfig& config) {
  json params = json::object();
  if (config.params.temperature) params["temperature"] = *config.params.temperature;
  if (config.params.top_p) params["top_p"] = *config.params.top_p;
  if (config.params.max_tokens) params["max_tokens"] = *config.params.max_tokens;
  if (config.params.seed) params["seed"] = *config.params.seed;
  if (config.params.stop) params["stop"] = *config.params.stop;
  json price = json::object();
  if (config.price_input_per_mtok) price["input_per_mtok"] = *config.price_input_per_mtok;
  if (config.price_output_per_mtok) price["output_per_mtok"] = *config.price_output_per_mtok;
  json locations = json::object();
  for (const auto& [key, where] : config.option_locations) locations[key] = LocationToJson(where);
  // There is deliberately no key field: a config only ever names the variable holding it.
  return json{{"name", config.name},
              {"adapter", config.adapter},
              {"model", config.model},
              {"base_url", config.base_url},
              {"api_key_env", config.api_key_env},
              {"family", config.family},
              {"params", params},
              {"price", price},
              {"concurrency", config.concurrency},
              {"rpm", config.rpm},
              {"tpm", config.tpm},
              {"timeout_s", config.timeout_s},
              {"deadline_s", config.deadline_s},
              {"max_attempts", config.max_attempts},
              {"options", config.options},
              {"option_locations", locations},
              {"where", LocationToJson(config.where)}};
}

ModelConfig ModelConfigFromJson(const json& value) {
  Object(value, "model");
  RejectUnknown(value, kJsonKeys, "");
  ModelConfig config;
  config.name = String(value, "name", "");
  config.adapter = String(value, "adapter", "");
  if (config.name.empty()) Bad("name", "missing or empty");
  if (config.adapter.empty()) Bad("adapter", "missing or empty");
  config.model = String(value, "model", "");
  config.base_url = String(value, "base_url", "");
  config.api_key_env = String(value, "api_key_env", "");
  config.family = String(value, "family", "");  // absent in manifests written before it existed
  if (auto it = value.find("params"); it != value.end()) {
    const json& params = Object(*it, "params");
    RejectUnknown(params, kParamsKeys, "params.");
    if (params.contains("temperature")) config.params.temperature = Number(params, "temperature", "params.");
    if (params.contains("top_p")) config.params.top_p = Number(params, "top_p", "params.");
    if (params.contains("max_tokens")) config.params.max_tokens = Integer(params, "max_tokens", "params.");
    if (auto seed = params.find("seed"); seed != params.end()) {
      if (!seed->is_number_unsigned() && !(seed->is_number_integer() && seed->get<std::int64_t>() >= 0)) {
        Bad("params.seed", "expected a non-negative integer");
      }
      config.params.seed = seed->get<std::uint64_t>();
    }
    if (auto stop = params.find("stop"); stop != params.end()) {
      if (!stop->is_array()) Bad("params.stop", "expected a list of strings");
      std::vector<std::string> list;
      for (const auto& item : *stop) {
        if (!item.is_string()) Bad("params.stop", "expected a list of strings");
        list.push_back(item.get<std::string>());
      }
      config.params.stop = std::move(list);
    }
  }
  if (auto it = value.find("price"); it != value.end()) {
    const json& price = Object(*it, "price");
    RejectUnknown(price, kPriceKeys, "price.");
    if (price.contains("input_per_mtok")) config.price_input_per_mtok = Number(price, "input_per_mtok", "price.");
    if (price.contains("output_per_mtok")) config.price_output_per_mtok = Number(price, "output_per_mtok", "price.");
  }
  config.concurrency = Integer(value, "concurrency", "");
  config.rpm = Number(value, "rpm", "");
  config.tpm = Number(value, "tpm", "");
  config.timeout_s = Number(value, "timeout_s", "");
  config.deadline_s = Number(value, "deadline_s", "");
  config.max_attempts = Integer(value, "max_attempts", "");
  if (auto it = value.find("options"); it != value.end()) config.options = Object(*it, "options");
  if (auto it = value.find("option_locations"); it != value.end()) {
    for (const auto& [key, where] : Object(*it, "option_locations").items()) {
      config.option_locations[key] = LocationFromJson(where, "option_locations." + key);
    }
  }
  if (auto it = value.find("where"); it != value.end()) config.where = LocationFromJson(*it, "where");
  return config;
}

}  // namespace kinship
