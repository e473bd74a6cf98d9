// The `ollama` adapter: Ollama's native chat endpoint, POST {base_url}/api/chat
// (default http://localhost:11434), always with "stream": false. Sampling goes into
// `options` (temperature, top_p, num_predict, seed, stop). The answer's message.content
// is the output and message.thinking the reasoning; done_reason, prompt_eval_count and
// eval_count fill finish_reason and the token counts.
//
// No key by default. With api_key_env set (an Ollama behind an authenticating proxy),
// the key is sent as "Authorization: Bearer ...".
//
// Options: think (ask thinking models to think, and return the thinking separately),
// keep_alive (how long the server keeps the model loaded, e.g. "10m"), num_ctx (context
// window), send_seed, headers, extra_body. The factory throws ConfigError; the adapter
// is immutable and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr std::string_view kOllamaDefaultBaseUrl = "http://localhost:11434";

std::unique_ptr<Adapter> CreateOllamaAdapter(const ModelConfig& config);
const std::vector<std::string>& OllamaOptionKeys();

}  // namespace kinship
