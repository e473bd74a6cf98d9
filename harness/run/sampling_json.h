// JSON form of SamplingParams: only the fields that are set appear.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harness/core/sampling.h"

namespace kinship {

nlohmann::json SamplingToJson(const SamplingParams& params);
// The same object as compact text appended to *out, keys in the order SamplingToJson's
// dump gives them (max_tokens, seed, stop, temperature, top_p).
void AppendSamplingJson(const SamplingParams& params, std::string* out);
SamplingParams SamplingFromJson(const nlohmann::json& json);  // ignores unknown keys

}  // namespace kinship
