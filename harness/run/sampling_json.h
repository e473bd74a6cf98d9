// JSON form of SamplingParams: only the fields that are set appear.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/core/sampling.h"

namespace kinship {

nlohmann::json SamplingToJson(const SamplingParams& params);
SamplingParams SamplingFromJson(const nlohmann::json& json);  // ignores unknown keys

}  // namespace kinship
