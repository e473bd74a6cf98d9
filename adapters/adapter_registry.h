// The one table of adapters (ARCHITECTURE.md §9). `kinship list adapters` prints it;
// unknown names get a did-you-mean.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

struct AdapterEntry {
  std::string name;                      // as written in models files: "sim"
  std::string summary;                   // one line for `kinship list adapters`
  std::vector<std::string> option_keys;  // adapter-specific keys it accepts
  std::string default_api_key_env;       // "" when it needs no key
  // Builds the adapter. Validates the config's adapter-specific options and throws
  // ConfigError (with the option's location and a did-you-mean) before anything is sent.
  std::function<std::unique_ptr<Adapter>(const ModelConfig&)> create;
  // Whether answers go through the response cache: remote and slow backends yes; local,
  // deterministic ones (sim, echo, replay) no -- they are faster than a lookup.
  bool cacheable = false;
};

const std::vector<AdapterEntry>& AdapterTable();

// Throws ConfigError("unknown adapter 'x'; did you mean 'y'?") for unknown names.
const AdapterEntry& FindAdapter(std::string_view name);

// FindAdapter(config.adapter).create(config), with the config's location on errors.
std::unique_ptr<Adapter> CreateAdapter(const ModelConfig& config);

// Helper for factories: throws ConfigError at the key's location for any key of
// config.options that is not in `allowed`, with a did-you-mean.
void RejectUnknownOptions(const ModelConfig& config, const std::vector<std::string>& allowed);

}  // namespace kinship
