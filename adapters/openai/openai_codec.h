// OpenAiCodec: the Chat Completions wire format (POST .../chat/completions), spoken by
// OpenAI and by most other servers -- DeepSeek, NVIDIA NIM, OpenRouter, Together, Groq,
// vLLM, llama.cpp's server, Ollama's /v1 -- and, with a different URL and key header, by
// Azure OpenAI. One codec serves them all; OpenAiCodecSettings holds what differs.
//
// Immutable after construction; BuildRequest and ParseResponse are const, pure and
// thread-safe. ParseResponse never throws: failures are Completion values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/wire/adapter_options.h"
#include "harness/core/http_codec.h"

namespace kinship {

struct OpenAiCodecSettings {
  std::string provider = "openai";  // names the backend in error messages
  std::string url;                  // the full endpoint URL, query included
  std::string model;                // body "model"; empty leaves it out (Azure)
  HttpHeaders auth_headers;         // the key header(s); empty for keyless local servers
  std::string secret;               // the key, only so error text can be scrubbed of it
  ExtraHttpFields extra;            // options `headers` and `extra_body`
  bool max_completion_tokens = false;  // send the limit under this name (OpenAI o-series)
  bool logprobs = false;
  std::optional<int> top_logprobs;
  bool stream = false;              // ask for SSE with usage in the final chunk
  bool send_seed = true;
};

class OpenAiCodec : public HttpCodec {
 public:
  explicit OpenAiCodec(OpenAiCodecSettings settings) : settings_(std::move(settings)) {}

  HttpRequest BuildRequest(const ModelRequest& request) const override;
  Completion ParseResponse(const HttpResponse& response) const override;

  const OpenAiCodecSettings& settings() const { return settings_; }

 private:
  std::string HandWrittenBody(const ModelRequest& request) const;
  nlohmann::json DomBody(const ModelRequest& request) const;

  OpenAiCodecSettings settings_;
};

// Reads the options the openai and azure-openai adapters share (logprobs, top_logprobs,
// max_completion_tokens, stream, send_seed, headers, extra_body) into *settings.
// Throws ConfigError on bad values.
void ReadChatCompletionOptions(const ModelConfig& config, OpenAiCodecSettings* settings);

// A non-streamed chat.completion body -> Completion (2xx bodies only).
Completion ParseChatCompletionBody(std::string_view body);

// A streamed body (SSE of chat.completion.chunk events) -> Completion, assembling the
// deltas. Malformed events are skipped and counted in *malformed_events when given;
// with no parseable event at all the result is bad_response.
Completion ParseChatCompletionStream(std::string_view body, int* malformed_events = nullptr);

}  // namespace kinship
