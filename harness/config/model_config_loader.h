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

// "adapter:model" -> a config named after the whole string ("sim:teacher-a" is named
// "teacher-a" for the sim adapter for readability: name = model when adapter is sim).
// Throws ConfigError when the text has no ':'.
ModelConfig ParseModelShorthand(std::string_view text);

}  // namespace kinship
