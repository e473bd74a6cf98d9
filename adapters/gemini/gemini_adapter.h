// The `gemini` adapter: the Gemini API's generateContent,
//   POST {base_url}/v1beta/models/{model}:generateContent
// (default base https://generativelanguage.googleapis.com), key in the `x-goog-api-key`
// HEADER -- never in the URL, where it would end up in proxy and server logs -- default
// variable GEMINI_API_KEY.
//
// Requests: assistant turns become role "model"; system messages are joined into
// `systemInstruction`; sampling goes into `generationConfig` (temperature, topP,
// maxOutputTokens, stopSequences, seed). Responses: the first candidate's text parts are
// joined into the output, parts marked `thought: true` into the reasoning. A prompt
// blocked outright (promptFeedback.blockReason, no candidates) is an error value of kind
// "blocked".
//
// Options: include_thoughts (ask thinking models for thought summaries), send_seed,
// headers, extra_body. The factory throws ConfigError; the adapter is immutable and
// thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr std::string_view kGeminiDefaultBaseUrl =
    "https://generativelanguage.googleapis.com";
inline constexpr std::string_view kGeminiDefaultKeyEnv = "GEMINI_API_KEY";

std::unique_ptr<Adapter> CreateGeminiAdapter(const ModelConfig& config);
const std::vector<std::string>& GeminiOptionKeys();

}  // namespace kinship
