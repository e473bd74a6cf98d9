// The `azure-openai` adapter: Chat Completions on an Azure OpenAI resource,
//   POST {base_url}/openai/deployments/{deployment}/chat/completions?api-version=...
// with the key in the `api-key` header (default variable AZURE_OPENAI_API_KEY). The
// deployment, not the body, picks the model, so "model" is not sent. Responses parse
// exactly as the openai adapter's.
//
// Options: deployment (default: the config's `model`), api_version (default
// kAzureDefaultApiVersion), and the openai adapter's logprobs, top_logprobs,
// max_completion_tokens, stream, send_seed, headers, extra_body. base_url is required
// (https://<resource>.openai.azure.com).
//
// The factory throws ConfigError; the adapter is immutable and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr std::string_view kAzureDefaultKeyEnv = "AZURE_OPENAI_API_KEY";
// The newest generally-available data-plane version when this was written.
inline constexpr std::string_view kAzureDefaultApiVersion = "2024-10-21";

std::unique_ptr<Adapter> CreateAzureOpenAiAdapter(const ModelConfig& config);
const std::vector<std::string>& AzureOpenAiOptionKeys();

}  // namespace kinship
