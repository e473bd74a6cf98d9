#include "harness/config/model_config_loader.h"

#include <algorithm>

#include "harness/config/config_node.h"
#include "harness/config/sampling_schema.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/file_io.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

const std::vector<std::string> kFileKeys = {"models"};
const std::vector<std::string> kPriceKeys = {"input_per_mtok", "output_per_mtok"};
// Keys that would hold a key itself; with a literal value they are refused, never stored.
const std::vector<std::string> kSecretKeys = {"api_key", "apikey", "key", "token", "secret",
                                              "password"};
// Sampling keys written beside `adapter` instead of under `params` (seed is absent on
// purpose: adapters such as sim use a top-level `seed` of their own).
const std::vector<std::string> kMisplacedParams = {"temperature", "top_p", "max_tokens", "stop"};

bool Contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool IsValidModelName(std::string_view name) {
  auto alnum = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || !alnum(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return alnum(c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-';
  });
}

bool IsValidEnvName(std::string_view name) {
  auto start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !start(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

// The common key that `key` is probably a misspelling of: close by edit distance (an
// adjacent swap counts as one edit). (ClosestMatch's prefix rule is not used here: it
// would flag legitimate adapter keys such as `base` or `max`.)
std::optional<std::string> TypoOfCommonKey(const std::string& key) {
  int limit = std::max<int>(1, static_cast<int>(key.size()) / 3);
  std::optional<std::string> best;
  int best_distance = limit + 1;
  for (const auto& candidate : CommonModelKeys()) {
    int distance = EditDistance(key, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

// Refuses `api_key: sk-...` and friends anywhere in an entry. The value is never echoed.
void RejectSecretLiterals(const ConfigNode& map, const std::string& prefix) {
  for (const auto& entry : map.entries) {
    std::string field = JoinField(prefix, entry.key);
    if (Contains(kSecretKeys, entry.key) && entry.value.IsScalar() && !entry.value.text.empty()) {
      throw ConfigError(entry.key_where, field,
                        "never write a key in a models file; put it in an environment variable "
                        "and give that variable's name as api_key_env (e.g. api_key_env: "
                        "OPENAI_API_KEY)");
    }
    if (entry.value.IsMap()) RejectSecretLiterals(entry.value, field);
  }
}

double Positive(const ConfigNode& value, const std::string& field) {
  double number = DecodeDouble(value, field);
  if (number <= 0) throw ConfigError(value.where, field, "must be greater than 0");
  return number;
}

int PositiveInt(const ConfigNode& value, const std::string& field, int max) {
  std::int64_t number = DecodeInt(value, field);
  if (number < 1 || number > max) {
    throw ConfigError(value.where, field,
                      "must be between 1 and " + std::to_string(max) + ", got " +
                          std::to_string(number));
  }
  return static_cast<int>(number);
}

ModelConfig DecodeModel(const ConfigNode::Entry& entry) {
  const std::string prefix = "models." + entry.key;
  ModelConfig config;
  config.name = entry.key;
  config.where = entry.key_where;
  if (!IsValidModelName(entry.key)) {
    throw ConfigError(entry.key_where, prefix,
                      "bad model name (letters, digits and _ . : / -, starting with a letter or "
                      "digit)");
  }
  const ConfigNode& node = entry.value;
  if (!node.IsMap()) {
    throw ConfigError(node.where, prefix,
                      "expected a map of settings (adapter, model, ...), got " + DescribeNode(node));
  }
  RejectSecretLiterals(node, prefix);
  const ConfigNode* adapter = node.Find("adapter");
  if (!adapter) throw ConfigError(entry.key_where, JoinField(prefix, "adapter"), "missing required key");

  for (const auto& setting : node.entries) {
    const std::string& key = setting.key;
    const ConfigNode& value = setting.value;
    std::string field = JoinField(prefix, key);
    if (key == "adapter") {
      config.adapter = DecodeString(value, field);
      if (config.adapter.empty()) throw ConfigError(value.where, field, "must not be empty");
    } else if (key == "model") {
      config.model = DecodeString(value, field);
      if (config.model.empty()) throw ConfigError(value.where, field, "must not be empty");
    } else if (key == "base_url") {
      config.base_url = DecodeString(value, field);
      if (config.base_url.rfind("http://", 0) != 0 && config.base_url.rfind("https://", 0) != 0) {
        throw ConfigError(value.where, field, "must start with http:// or https://");
      }
    } else if (key == "api_key_env") {
      config.api_key_env = DecodeString(value, field);
      if (!IsValidEnvName(config.api_key_env)) {
        // Not echoed: a user who pasted the key itself here must not see it in logs.
        throw ConfigError(value.where, field,
                          "must be the NAME of an environment variable (letters, digits and _), "
                          "not the key itself");
      }
    } else if (key == "family") {
      config.family = DecodeString(value, field);
      if (config.family.empty()) throw ConfigError(value.where, field, "must not be empty");
    } else if (key == "params") {
      ExpectMap(value, field);
      RejectUnknownKeys(value, SamplingKeys(), field);
      for (const auto& param : value.entries) {
        DecodeSamplingKey(param.key, param.value, JoinField(field, param.key), &config.params);
      }
    } else if (key == "price") {
      ExpectMap(value, field);
      RejectUnknownKeys(value, kPriceKeys, field);
      for (const auto& part : value.entries) {
        std::string part_field = JoinField(field, part.key);
        double usd = DecodeDouble(part.value, part_field);
        if (usd < 0) throw ConfigError(part.value.where, part_field, "must not be negative");
        (part.key == "input_per_mtok" ? config.price_input_per_mtok
                                      : config.price_output_per_mtok) = usd;
      }
    } else if (key == "concurrency") {
      config.concurrency = PositiveInt(value, field, 10000);
    } else if (key == "rpm") {
      config.rpm = Positive(value, field);
    } else if (key == "tpm") {
      config.tpm = Positive(value, field);
    } else if (key == "timeout_s") {
      config.timeout_s = Positive(value, field);
    } else if (key == "deadline_s") {
      config.deadline_s = Positive(value, field);
    } else if (key == "max_attempts") {
      config.max_attempts = PositiveInt(value, field, 100);
    } else if (Contains(kMisplacedParams, key)) {
      throw ConfigError(setting.key_where, field,
                        "sampling settings go under 'params:' (params: {" + key + ": ...})");
    } else if (auto typo = TypoOfCommonKey(key)) {
      throw ConfigError(setting.key_where, field, "unknown key; did you mean '" + *typo + "'?");
    } else {
      // Adapter-specific: kept for the adapter's factory, which validates it.
      config.options[key] = NodeToJson(value);
      config.option_locations[key] = setting.key_where;
    }
  }
  return config;
}

}  // namespace

std::vector<ModelConfig> LoadModelsFile(const std::filesystem::path& file) {
  const std::string file_name = file.string();
  ConfigNode root = ParseYaml(ReadFileOrThrow(file), file_name);
  if (!root.IsMap()) {
    throw ConfigError(root.where, "",
                      "a models file must be a map with a 'models:' key, got " + DescribeNode(root));
  }
  RejectUnknownKeys(root, kFileKeys, "");
  const ConfigNode* models = root.Find("models");
  if (!models) throw ConfigError(root.where, "models", "missing required key");
  if (!models->IsMap()) {
    throw ConfigError(models->where, "models",
                      "expected a map of name -> settings, got " + DescribeNode(*models));
  }
  if (models->entries.empty()) throw ConfigError(models->where, "models", "no models defined");
  std::vector<ModelConfig> configs;
  for (const auto& entry : models->entries) configs.push_back(DecodeModel(entry));
  return configs;
}

ModelConfig ParseModelShorthand(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    throw ConfigError(SourceLocation{}, "--model",
                      "expected adapter:model (e.g. sim:teacher-a or openai:gpt-4o-mini) or the "
                      "name of an entry of --models FILE, got '" + SanitizeUtf8(text) + "'");
  }
  ModelConfig config;
  config.adapter = std::string(text.substr(0, colon));
  config.model = std::string(text.substr(colon + 1));
  config.name = config.model;
  config.where = SourceLocation{"--model " + std::string(text), 0, 0};
  return config;
}

std::vector<ModelConfig> SelectModels(const std::vector<ModelConfig>& file_models,
                                      const std::vector<std::string>& selectors,
                                      const std::vector<ModelConfig>& builtin_models,
                                      const std::string& flag) {
  if (selectors.empty()) return file_models;
  std::vector<std::string> names;
  for (const auto& config : file_models) names.push_back(config.name);
  for (const auto& config : builtin_models) names.push_back(config.name);
  auto find = [](const std::vector<ModelConfig>& models, const std::string& name) {
    return std::find_if(models.begin(), models.end(),
                        [&](const ModelConfig& c) { return c.name == name; });
  };
  std::vector<ModelConfig> selected;
  for (const auto& selector : selectors) {
    ModelConfig config;
    if (auto found = find(file_models, selector); found != file_models.end()) {
      config = *found;
    } else if (selector.find(':') != std::string::npos) {
      config = ParseModelShorthand(selector);
    } else if (auto builtin = find(builtin_models, selector); builtin != builtin_models.end()) {
      config = *builtin;
    } else {
      throw ConfigError(SourceLocation{}, flag,
                        "unknown model '" + SanitizeUtf8(selector) + "'" +
                            DidYouMean(selector, names) +
                            " (models: 'kinship list models'; any backend: ADAPTER:MODEL)");
    }
    for (const auto& earlier : selected) {
      if (earlier.name == config.name) {
        throw ConfigError(SourceLocation{}, flag,
                          "model '" + config.name + "' selected twice (names must be unique in a run)");
      }
    }
    selected.push_back(std::move(config));
  }
  return selected;
}

}  // namespace kinship
