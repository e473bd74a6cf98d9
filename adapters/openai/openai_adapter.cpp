#include "adapters/openai/openai_adapter.h"

#include <utility>

#include "adapters/openai/openai_codec.h"
#include "adapters/wire/adapter_options.h"
#include "adapters/wire/api_key.h"
#include "adapters/wire/codec_adapter.h"

namespace kinship {

const std::vector<std::string>& OpenAiOptionKeys() {
  static const std::vector<std::string> keys = {
      "logprobs", "top_logprobs", "max_completion_tokens", "stream",
      "send_seed", "headers",     "extra_body"};
  return keys;
}

std::string OpenAiDefaultKeyEnvFor(std::string_view base_url) {
  const std::string host = UrlHost(base_url);
  struct HostKey {
    std::string_view host;
    std::string_view env;
  };
  static constexpr HostKey kKnown[] = {
      {"api.deepseek.com", "DEEPSEEK_API_KEY"},
      {"integrate.api.nvidia.com", "NVIDIA_API_KEY"},
      {"openrouter.ai", "OPENROUTER_API_KEY"},
      {"api.groq.com", "GROQ_API_KEY"},
      {"api.together.xyz", "TOGETHER_API_KEY"},
  };
  for (const HostKey& known : kKnown) {
    if (host == known.host) return std::string(known.env);
  }
  return std::string(kOpenAiDefaultKeyEnv);
}

std::unique_ptr<Adapter> CreateOpenAiAdapter(const ModelConfig& config) {
  OpenAiCodecSettings settings;
  const std::string base =
      config.base_url.empty() ? std::string(kOpenAiDefaultBaseUrl) : config.base_url;
  CheckBaseUrl(config, base);
  settings.provider = "openai-compatible server at " + UrlHost(base);
  settings.url = JoinUrl(base, "/chat/completions");
  settings.model = config.model;
  ReadChatCompletionOptions(config, &settings);
  const bool keyless = config.api_key_env.empty() && IsLocalOrPrivateHost(UrlHost(base));
  if (!keyless) {
    settings.secret = RequireApiKey(config, OpenAiDefaultKeyEnvFor(base));
    settings.auth_headers.emplace_back("Authorization", "Bearer " + settings.secret);
  }
  return std::make_unique<CodecAdapter>(std::make_unique<OpenAiCodec>(std::move(settings)));
}

}  // namespace kinship
