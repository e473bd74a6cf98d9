// The `openai` adapter: Chat Completions against any OpenAI-compatible server.
//
// Options (README.md, "Backends"): logprobs, top_logprobs, max_completion_tokens, stream,
// send_seed, headers, extra_body. Key: api_key_env, else a default picked from the
// base URL's host (OPENAI_API_KEY; DEEPSEEK_API_KEY for api.deepseek.com,
// NVIDIA_API_KEY for integrate.api.nvidia.com, ...). A loopback or private host with no
// api_key_env needs no key and gets no Authorization header.
//
// The factory validates everything and throws ConfigError; the adapter it returns is
// immutable and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr std::string_view kOpenAiDefaultBaseUrl = "https://api.openai.com/v1";
inline constexpr std::string_view kOpenAiDefaultKeyEnv = "OPENAI_API_KEY";

std::unique_ptr<Adapter> CreateOpenAiAdapter(const ModelConfig& config);
const std::vector<std::string>& OpenAiOptionKeys();

// The key variable used when api_key_env is not given, chosen by the base URL's host.
std::string OpenAiDefaultKeyEnvFor(std::string_view base_url);

}  // namespace kinship
