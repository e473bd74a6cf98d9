#include "adapters/adapter_registry.h"

#include <algorithm>

#include "adapters/anthropic/anthropic_adapter.h"
#include "adapters/azure/azure_openai_adapter.h"
#include "adapters/command/command_adapter.h"
#include "adapters/echo/echo_adapter.h"
#include "adapters/gemini/gemini_adapter.h"
#include "adapters/ollama/ollama_adapter.h"
#include "adapters/openai/openai_adapter.h"
#include "adapters/replay/replay_adapter.h"
#include "adapters/sim/sim_adapter.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"

namespace kinship {

namespace {

std::vector<std::string> AdapterNames() {
  std::vector<std::string> names;
  for (const auto& entry : AdapterTable()) names.push_back(entry.name);
  return names;
}

const AdapterEntry* Lookup(std::string_view name) {
  for (const auto& entry : AdapterTable()) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::string UnknownAdapterMessage(std::string_view name) {
  return "unknown adapter '" + std::string(name) + "'" + DidYouMean(name, AdapterNames());
}

}  // namespace

const std::vector<AdapterEntry>& AdapterTable() {
  static const std::vector<AdapterEntry> kTable = {
      {"openai",
       "OpenAI Chat Completions and every compatible server (DeepSeek, NVIDIA NIM, OpenRouter, "
       "Together, Groq, vLLM, llama.cpp, Ollama /v1)",
       OpenAiOptionKeys(), std::string(kOpenAiDefaultKeyEnv), CreateOpenAiAdapter, true},
      {"azure-openai", "Azure OpenAI deployments (api-version, api-key header)",
       AzureOpenAiOptionKeys(), std::string(kAzureDefaultKeyEnv), CreateAzureOpenAiAdapter, true},
      {"anthropic", "Anthropic Messages API", AnthropicOptionKeys(),
       std::string(kAnthropicDefaultKeyEnv), CreateAnthropicAdapter, true},
      {"gemini", "Google Gemini generateContent (key in a header)", GeminiOptionKeys(),
       std::string(kGeminiDefaultKeyEnv), CreateGeminiAdapter, true},
      {"ollama", "Ollama's native /api/chat", OllamaOptionKeys(), "", CreateOllamaAdapter, true},
      {"command", "runs a program per request: request JSON on stdin, answer JSON on stdout",
       CommandOptionKeys(), "", CreateCommandAdapter, true},
      {"sim",
       "built-in simulated models (n-gram voices, distilled students); offline, no key",
       SimOptionKeys(), "", CreateSimAdapter},
      {"echo", "answers with the prompt's last user turn, byte for byte; for pipeline tests",
       EchoOptionKeys(), "", CreateEchoAdapter},
      {"replay",
       "answers from recorded outputs (a run directory or an import-format JSONL file)",
       ReplayOptionKeys(), "", CreateReplayAdapter},
  };
  return kTable;
}

const AdapterEntry& FindAdapter(std::string_view name) {
  const AdapterEntry* entry = Lookup(name);
  if (entry == nullptr) throw ConfigError(UnknownAdapterMessage(name));
  return *entry;
}

std::unique_ptr<Adapter> CreateAdapter(const ModelConfig& config) {
  const AdapterEntry* entry = Lookup(config.adapter);
  if (entry == nullptr) {
    throw ConfigError(config.where, "adapter", UnknownAdapterMessage(config.adapter));
  }
  // Unknown keys are caught here, for every adapter alike; factories check only the
  // values of their own keys.
  RejectUnknownOptions(config, entry->option_keys);
  return entry->create(config);
}

void RejectUnknownOptions(const ModelConfig& config, const std::vector<std::string>& allowed) {
  if (config.options.is_null()) return;
  if (!config.options.is_object()) {
    throw ConfigError(config.where, "options", "adapter options must be a mapping");
  }
  for (const auto& item : config.options.items()) {
    const std::string& key = item.key();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const SourceLocation& where = config.OptionLocation(key);
    std::string message = "unknown option for adapter '" + config.adapter + "'" +
                          DidYouMean(key, allowed);
    if (allowed.empty()) {
      message += " (it takes no options)";
    } else {
      std::string list;
      for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
      message += " (options: " + list + ")";
    }
    std::string field = config.where.file.empty() ? key : "models." + config.name + "." + key;
    throw ConfigError(where, field, message);
  }
}

}  // namespace kinship
