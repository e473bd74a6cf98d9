#include "harness/cli/model_resolver.h"

#include "adapters/builtin_models.h"
#include "harness/config/model_config_loader.h"
#include "harness/core/config_error.h"

namespace kinship {

std::vector<ModelConfig> ResolveModels(const std::vector<std::string>& names,
                                       const std::string& models_file,
                                       const std::string& flag) {
  std::vector<ModelConfig> from_file;
  if (!models_file.empty()) from_file = LoadModelsFile(models_file);
  if (names.empty() && from_file.empty()) {
    throw ConfigError("no models: give --model NAME (e.g. --model teacher-a) or --models FILE");
  }
  std::vector<ModelConfig> builtins;
  for (const auto& builtin : BuiltinModels()) {
    ModelConfig config;
    config.name = builtin.name;
    config.adapter = builtin.adapter;
    config.model = builtin.name;
    config.family = builtin.family;
    builtins.push_back(std::move(config));
  }
  return SelectModels(from_file, names, builtins, flag);
}

}  // namespace kinship
