// Turns `--model` / `--models` arguments into the run's panel of model configs.
//
// Each NAME is looked up, in order: an entry of the models file; the shorthand
// "adapter:model"; a built-in model (the simulated zoo). With a models file and no
// --model, every model in the file is used. Unknown names get a did-you-mean over all
// names that would have matched; duplicate panel names are an error.
#pragma once

#include <string>
#include <vector>

#include "harness/config/model_config.h"

namespace kinship {

// `flag` names the option in errors about a name ("--model"; the audit's roles pass their own).
std::vector<ModelConfig> ResolveModels(const std::vector<std::string>& names,
                                       const std::string& models_file,
                                       const std::string& flag = "--model");

}  // namespace kinship
