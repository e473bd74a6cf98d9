// The response cache's key: which stored answer may stand in for a request.
//
// Two requests share a key exactly when a backend would be asked the same thing: same
// adapter, endpoint, backend model, adapter options, messages, resolved sampling, sample
// index and per-item seed. What cannot change the answer is left out so that runs share
// entries: the panel name, scheduling limits, prices. Secrets are left out by
// construction (ARCHITECTURE.md §8): the API key is never read (only its variable's
// NAME exists in a config, and even that is omitted), option keys that look like
// credentials are dropped, and every header VALUE is dropped (only header names count).
//
// Stateless and thread-safe. The canonical JSON is a format: changing it changes every
// key, so bump kCacheKeyFormat when it changes (old entries then simply stop matching).
#pragma once

#include <string>
#include <string_view>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr int kCacheKeyFormat = 1;

// Lower-case hex SHA-256 of CanonicalCacheRequest(model, request).dump().
std::string ResponseCacheKey(const ModelConfig& model, const ModelRequest& request);

// The hashed document, exposed so tests (and curious users) can see what is keyed:
// {"format", "adapter", "base_url", "model", "options", "messages", "sampling",
// "sample_index", "seed"}. Text that is not valid UTF-8 appears as {"hex": "..."} so
// that distinct byte strings never collapse to one key.
nlohmann::json CanonicalCacheRequest(const ModelConfig& model, const ModelRequest& request);

// True for option names that may carry a credential ("api_key", "access_token",
// "password", "Authorization", ...); such options never reach a key.
bool LooksSecret(std::string_view option_name);

}  // namespace kinship
