// API keys and endpoints: which environment variable holds a model's key, whether the
// model needs one at all, and the URL helpers every wire adapter shares.
//
// Keys are read once, when the adapter is built, so a missing variable is a ConfigError
// before any request is sent (ARCHITECTURE.md §7). The key value is returned to the
// caller only to be placed in a request header; it must never be logged or stored.
// Free functions; thread-safe as long as nobody calls setenv() concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "harness/config/model_config.h"

namespace kinship {

// The key from config.api_key_env, or from `default_env` when that is empty. Throws
// ConfigError at the model's location when the variable is unset or empty
// ("api_key_env: environment variable OPENAI_API_KEY is not set ...").
std::string RequireApiKey(const ModelConfig& config, std::string_view default_env);

// The environment variable name that RequireApiKey would read.
std::string ApiKeyEnvName(const ModelConfig& config, std::string_view default_env);

// The host of an absolute URL ("https://user@Host:8443/x" -> "host"), lower-cased,
// IPv6 brackets removed; "" when there is none.
std::string UrlHost(std::string_view url);

// True for hosts that are this machine or a private network: localhost, *.localhost,
// 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, 0.0.0.0, ::1, fc00::/7, fe80::/10.
// Local servers (vLLM, llama.cpp, Ollama) usually want no key.
bool IsLocalOrPrivateHost(std::string_view host);

// `base` (trailing slashes dropped) + `path` (which starts with '/').
std::string JoinUrl(std::string_view base, std::string_view path);

// Throws ConfigError (field "base_url") unless `url` starts with http:// or https://
// and has a host.
void CheckBaseUrl(const ModelConfig& config, std::string_view url);

}  // namespace kinship
