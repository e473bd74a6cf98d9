#include "adapters/ollama/ollama_adapter.h"

#include <optional>
#include <utility>

#include "adapters/wire/adapter_options.h"
#include "adapters/wire/json_exchange.h"
#include "adapters/wire/api_key.h"
#include "adapters/wire/codec_adapter.h"
#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"

namespace kinship {
namespace {

struct OllamaSettings {
  std::string url;
  std::string model;
  std::string key;  // empty: no Authorization header
  std::optional<bool> think;
  std::optional<std::string> keep_alive;
  std::optional<int> num_ctx;
  bool send_seed = true;
  ExtraHttpFields extra;
};

class OllamaCodec : public HttpCodec {
 public:
  explicit OllamaCodec(OllamaSettings settings) : settings_(std::move(settings)) {}

  HttpRequest BuildRequest(const ModelRequest& request) const override {
    const SamplingParams& s = request.sampling;
    nlohmann::json body = nlohmann::json::object();
    body["model"] = settings_.model;
    nlohmann::json messages = nlohmann::json::array();
    for (const ChatMessage& m : request.messages) {
      messages.push_back({{"role", std::string(RoleName(m.role))}, {"content", m.content}});
    }
    body["messages"] = std::move(messages);
    body["stream"] = false;
    if (settings_.think) body["think"] = *settings_.think;
    if (settings_.keep_alive) body["keep_alive"] = *settings_.keep_alive;
    nlohmann::json options = nlohmann::json::object();
    if (s.temperature) options["temperature"] = *s.temperature;
    if (s.top_p) options["top_p"] = *s.top_p;
    if (s.max_tokens) options["num_predict"] = *s.max_tokens;
    if (settings_.send_seed) options["seed"] = WireSeed(request.seed);
    if (s.stop && !s.stop->empty()) options["stop"] = *s.stop;
    if (settings_.num_ctx) options["num_ctx"] = *settings_.num_ctx;
    body["options"] = std::move(options);
    settings_.extra.ApplyTo(&body);

    HttpHeaders credentials;
    if (!settings_.key.empty()) credentials.emplace_back("Authorization", "Bearer " + settings_.key);
    return JsonPostRequest(settings_.url, credentials, settings_.extra, body);
  }

  Completion ParseResponse(const HttpResponse& response) const override {
    return ParseHttpAnswer(response, "ollama", settings_.key, ParseBody);
  }

 private:
  static Completion ParseBody(std::string_view body) {
    const auto root = ParseJsonObject(body);
    if (!root) return BadResponse("the answer is not a JSON object", body);
    if (auto message = ProviderErrorMessage(body)) {
      return ErrorCompletion("backend_error", "ollama reported an error: " + QuoteBody(*message));
    }
    const nlohmann::json* message = ObjectField(*root, "message");
    if (message == nullptr) return BadResponse("the answer has no message", body);
    Completion c;
    c.ok = true;
    c.output = StringField(*message, "content");
    c.reasoning = StringField(*message, "thinking");
    c.finish_reason = StringField(*root, "done_reason");
    c.input_tokens = CountField(*root, "prompt_eval_count");
    c.output_tokens = CountField(*root, "eval_count");
    c.served_model = StringField(*root, "model");
    return c;
  }

  OllamaSettings settings_;
};

}  // namespace

const std::vector<std::string>& OllamaOptionKeys() {
  static const std::vector<std::string> keys = {"think",     "keep_alive", "num_ctx",
                                                "send_seed", "headers",    "extra_body"};
  return keys;
}

std::unique_ptr<Adapter> CreateOllamaAdapter(const ModelConfig& config) {
  OllamaSettings settings;
  const std::string base =
      config.base_url.empty() ? std::string(kOllamaDefaultBaseUrl) : config.base_url;
  CheckBaseUrl(config, base);
  settings.url = JoinUrl(base, "/api/chat");
  settings.model = config.model;
  settings.think = BoolOption(config, "think");
  settings.keep_alive = StringOption(config, "keep_alive");
  settings.num_ctx = IntOption(config, "num_ctx", 1, 1 << 24);
  settings.send_seed = BoolOption(config, "send_seed").value_or(true);
  settings.extra = ExtraHttpFields::FromOptions(config);
  if (!config.api_key_env.empty()) settings.key = RequireApiKey(config, config.api_key_env);
  return std::make_unique<CodecAdapter>(std::make_unique<OllamaCodec>(std::move(settings)));
}

}  // namespace kinship
