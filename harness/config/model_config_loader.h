// Reads models files and the `--model adapter:model` shorthand.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"

namespace kinship {

// Parses a models file (YAML with a top-level `models:` map of name -> settings).
// Throws ConfigError naming file, line, column and field, with did-you-mean for unknown keys.
std::vector<ModelConfig> LoadModelsFile(const std::filesystem::path& file);

// "adapter:model" -> a config for that adapter and model, named after the model part
// ("sim:teacher-a" is named "teacher-a", "openai:gpt-4o-mini" is "gpt-4o-mini"). Splits at
// the first ':' so model ids may contain ':' ("ollama:llama3:8b"). Throws ConfigError
// when the text has no ':' or either side is empty.
ModelConfig ParseModelShorthand(std::string_view text);

// Picks the models a run uses (`--models FILE --model NAME ...`). Each selector is, in
// order: the name of an entry of `file_models`; the "adapter:model" shorthand; the name of
// one of `builtin_models` (the simulated zoo). No selectors selects every entry of the
// file. Throws ConfigError for an unknown name (with did-you-mean over file and built-in
// names) or a model selected twice; `flag` names the option in the error (`kinship audit`
// passes --suspect, --candidate or --control).
std::vector<ModelConfig> SelectModels(const std::vector<ModelConfig>& file_models,
                                      const std::vector<std::string>& selectors,
                                      const std::vector<ModelConfig>& builtin_models = {},
                                      const std::string& flag = "--model");

}  // namespace kinship
