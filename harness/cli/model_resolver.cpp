#include "harness/cli/model_resolver.h"

#include <set>

#include "adapters/builtin_models.h"
#include "harness/config/model_config_loader.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"

namespace kinship {

std::vector<ModelConfig> ResolveModels(const std::vector<std::string>& names,
                                       const std::string& models_file) {
  std::vector<ModelConfig> from_file;
  if (!models_file.empty()) from_file = LoadModelsFile(models_file);
  if (names.empty()) {
    if (from_file.empty()) {
      throw ConfigError("no models: give --model NAME (e.g. --model teacher-a) or --models FILE");
    }
    return from_file;
  }
  std::vector<ModelConfig> panel;
  std::set<std::string> seen;
  for (const auto& name : names) {
    ModelConfig config;
    bool found = false;
    for (const auto& entry : from_file) {
      if (entry.name == name) {
        config = entry;
        found = true;
        break;
      }
    }
    if (!found && name.find(':') != std::string::npos) {
      config = ParseModelShorthand(name);
      found = true;
    }
    if (!found) {
      for (const auto& builtin : BuiltinModels()) {
        if (builtin.name == name) {
          config.name = builtin.name;
          config.adapter = builtin.adapter;
          config.model = builtin.name;
          found = true;
          break;
        }
      }
    }
    if (!found) {
      std::vector<std::string> known;
      for (const auto& entry : from_file) known.push_back(entry.name);
      for (const auto& builtin : BuiltinModels()) known.push_back(builtin.name);
      std::string where = models_file.empty() ? "" : " in " + models_file;
      throw ConfigError("--model: unknown model '" + name + "'" + where + DidYouMean(name, known) +
                        " (built-in models: 'kinship list models'; any backend: ADAPTER:MODEL)");
    }
    if (!seen.insert(config.name).second) {
      throw ConfigError("--model: '" + config.name + "' is in the panel twice");
    }
    panel.push_back(std::move(config));
  }
  return panel;
}

}  // namespace kinship
