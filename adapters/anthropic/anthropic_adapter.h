// The `anthropic` adapter: the Messages API, POST {base_url}/v1/messages
// (default base https://api.anthropic.com), key in `x-api-key` (default variable
// ANTHROPIC_API_KEY), `anthropic-version` header (option anthropic_version).
//
// Requests: system messages are joined into the top-level `system`; consecutive turns of
// one role are merged, since the API wants user and assistant to alternate; max_tokens
// is always sent (the API requires it); the API has no seed. Responses: text blocks are
// joined into the output, `thinking` blocks into the reasoning.
//
// Options: anthropic_version, headers, extra_body (e.g. {thinking: {type: enabled,
// budget_tokens: 2048}}). The factory throws ConfigError; the adapter is immutable and
// thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr std::string_view kAnthropicDefaultBaseUrl = "https://api.anthropic.com";
inline constexpr std::string_view kAnthropicDefaultKeyEnv = "ANTHROPIC_API_KEY";
inline constexpr std::string_view kAnthropicDefaultVersion = "2023-06-01";

std::unique_ptr<Adapter> CreateAnthropicAdapter(const ModelConfig& config);
const std::vector<std::string>& AnthropicOptionKeys();

}  // namespace kinship
