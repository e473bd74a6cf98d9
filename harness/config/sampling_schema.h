// The sampling keys as written in suite files (defaults and prompts) and in models files
// (`params:`), decoded and range-checked in one place so both formats agree.
//
// Ranges: temperature in [0, 2], top_p in (0, 1], max_tokens > 0, seed a non-negative
// 64-bit integer, stop a string or a list of non-empty strings; samples (suites only)
// in [1, 1000]. Pure functions; errors throw ConfigError at the value's location.
#pragma once

#include <string>
#include <vector>

#include "harness/config/config_node.h"
#include "harness/core/sampling.h"

namespace kinship {

inline constexpr int kMaxSamples = 1000;

// temperature, top_p, max_tokens, seed, stop.
const std::vector<std::string>& SamplingKeys();

// When `key` is one of SamplingKeys(), decodes `value` into *params and returns true;
// returns false for any other key.
bool DecodeSamplingKey(const std::string& key, const ConfigNode& value, const std::string& field,
                       SamplingParams* params);

// Samples per prompt, in [1, kMaxSamples].
int DecodeSamples(const ConfigNode& value, const std::string& field);

}  // namespace kinship
