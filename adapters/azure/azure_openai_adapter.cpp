#include "adapters/azure/azure_openai_adapter.h"

#include <cctype>
#include <utility>

#include "adapters/openai/openai_codec.h"
#include "adapters/wire/adapter_options.h"
#include "adapters/wire/api_key.h"
#include "adapters/wire/codec_adapter.h"
#include "harness/core/config_error.h"

namespace kinship {

namespace {

// Deployment names and API versions go into the URL path/query unescaped, so only
// characters that need no escaping are allowed.
bool IsUrlSafe(std::string_view text) {
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return !text.empty();
}

}  // namespace

const std::vector<std::string>& AzureOpenAiOptionKeys() {
  static const std::vector<std::string> keys = {
      "deployment", "api_version", "logprobs",  "top_logprobs", "max_completion_tokens",
      "stream",     "send_seed",   "headers",   "extra_body"};
  return keys;
}

std::unique_ptr<Adapter> CreateAzureOpenAiAdapter(const ModelConfig& config) {
  if (config.base_url.empty()) {
    throw ConfigError(config.where, "base_url",
                      "azure-openai needs the resource endpoint, e.g. "
                      "https://my-resource.openai.azure.com");
  }
  CheckBaseUrl(config, config.base_url);
  const std::string deployment = StringOption(config, "deployment").value_or(config.model);
  if (!IsUrlSafe(deployment)) {
    ThrowOptionError(config, "deployment",
                     "'" + deployment + "' is not a deployment name (letters, digits, - _ .)");
  }
  const std::string api_version =
      StringOption(config, "api_version").value_or(std::string(kAzureDefaultApiVersion));
  if (!IsUrlSafe(api_version)) {
    ThrowOptionError(config, "api_version", "'" + api_version + "' is not an API version");
  }
  OpenAiCodecSettings settings;
  settings.provider = "azure-openai deployment " + deployment;
  settings.url = JoinUrl(config.base_url, "/openai/deployments/" + deployment +
                                              "/chat/completions?api-version=" + api_version);
  ReadChatCompletionOptions(config, &settings);
  settings.secret = RequireApiKey(config, kAzureDefaultKeyEnv);
  settings.auth_headers.emplace_back("api-key", settings.secret);
  return std::make_unique<CodecAdapter>(std::make_unique<OpenAiCodec>(std::move(settings)));
}

}  // namespace kinship
