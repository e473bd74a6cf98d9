#include "adapters/anthropic/anthropic_adapter.h"

#include <utility>

#include "adapters/wire/adapter_options.h"
#include "adapters/wire/json_exchange.h"
#include "adapters/wire/api_key.h"
#include "adapters/wire/codec_adapter.h"
#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"

namespace kinship {
namespace {

struct AnthropicSettings {
  std::string url;
  std::string model;
  std::string version;
  std::string key;
  ExtraHttpFields extra;
};

class AnthropicCodec : public HttpCodec {
 public:
  explicit AnthropicCodec(AnthropicSettings settings) : settings_(std::move(settings)) {}

  HttpRequest BuildRequest(const ModelRequest& request) const override {
    const SamplingParams& s = request.sampling;
    nlohmann::json body = nlohmann::json::object();
    body["model"] = settings_.model;
    body["max_tokens"] = s.max_tokens.value_or(kDefaultMaxTokens);
    std::string system;
    nlohmann::json messages = nlohmann::json::array();
    for (const ChatMessage& m : request.messages) {
      if (m.role == Role::kSystem) {
        if (!system.empty()) system += "\n\n";
        system += m.content;
        continue;
      }
      const std::string role(RoleName(m.role));
      if (!messages.empty() && messages.back()["role"] == role) {
        messages.back()["content"] = messages.back()["content"].get<std::string>() + "\n\n" +
                                     m.content;
      } else {
        messages.push_back({{"role", role}, {"content", m.content}});
      }
    }
    body["messages"] = std::move(messages);
    if (!system.empty()) body["system"] = system;
    if (s.temperature) body["temperature"] = *s.temperature;
    if (s.top_p) body["top_p"] = *s.top_p;
    if (s.stop && !s.stop->empty()) body["stop_sequences"] = *s.stop;
    settings_.extra.ApplyTo(&body);

    return JsonPostRequest(settings_.url,
                           {{"x-api-key", settings_.key}, {"anthropic-version", settings_.version}},
                           settings_.extra, body);
  }

  Completion ParseResponse(const HttpResponse& response) const override {
    return ParseHttpAnswer(response, "anthropic", settings_.key, ParseBody);
  }

 private:
  static Completion ParseBody(std::string_view body) {
    const auto root = ParseJsonObject(body);
    if (!root) return BadResponse("the answer is not a JSON object", body);
    if (StringField(*root, "type") == "error") {
      return ErrorCompletion("backend_error",
                             "anthropic reported an error: " +
                                 QuoteBody(ProviderErrorMessage(body).value_or("(no message)")));
    }
    const nlohmann::json* content = ArrayField(*root, "content");
    if (content == nullptr) return BadResponse("the answer has no content blocks", body);
    Completion c;
    c.ok = true;
    for (const auto& block : *content) {
      const std::string type = StringField(block, "type");
      if (type == "text") {
        c.output += StringField(block, "text");
      } else if (type == "thinking") {
        if (!c.reasoning.empty()) c.reasoning += "\n\n";
        c.reasoning += StringField(block, "thinking");
      }
      // redacted_thinking carries no readable text; tool blocks are never requested.
    }
    c.finish_reason = StringField(*root, "stop_reason");
    if (const nlohmann::json* usage = ObjectField(*root, "usage")) {
      c.input_tokens = CountField(*usage, "input_tokens");
      c.output_tokens = CountField(*usage, "output_tokens");
    }
    c.served_model = StringField(*root, "model");
    return c;
  }

  AnthropicSettings settings_;
};

}  // namespace

const std::vector<std::string>& AnthropicOptionKeys() {
  static const std::vector<std::string> keys = {"anthropic_version", "headers", "extra_body"};
  return keys;
}

std::unique_ptr<Adapter> CreateAnthropicAdapter(const ModelConfig& config) {
  AnthropicSettings settings;
  const std::string base =
      config.base_url.empty() ? std::string(kAnthropicDefaultBaseUrl) : config.base_url;
  CheckBaseUrl(config, base);
  settings.url = JoinUrl(base, "/v1/messages");
  settings.model = config.model;
  settings.version = StringOption(config, "anthropic_version")
                         .value_or(std::string(kAnthropicDefaultVersion));
  settings.extra = ExtraHttpFields::FromOptions(config);
  settings.key = RequireApiKey(config, kAnthropicDefaultKeyEnv);
  return std::make_unique<CodecAdapter>(std::make_unique<AnthropicCodec>(std::move(settings)));
}

}  // namespace kinship
