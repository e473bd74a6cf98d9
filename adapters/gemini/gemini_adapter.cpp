#include "adapters/gemini/gemini_adapter.h"

#include <cctype>
#include <utility>

#include "adapters/wire/adapter_options.h"
#include "adapters/wire/json_exchange.h"
#include "adapters/wire/api_key.h"
#include "adapters/wire/codec_adapter.h"
#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"
#include "harness/core/config_error.h"

namespace kinship {
namespace {

struct GeminiSettings {
  std::string url;
  std::string key;
  bool include_thoughts = false;
  bool send_seed = true;
  ExtraHttpFields extra;
};

class GeminiCodec : public HttpCodec {
 public:
  explicit GeminiCodec(GeminiSettings settings) : settings_(std::move(settings)) {}

  HttpRequest BuildRequest(const ModelRequest& request) const override {
    const SamplingParams& s = request.sampling;
    nlohmann::json body = nlohmann::json::object();
    std::string system;
    nlohmann::json contents = nlohmann::json::array();
    for (const ChatMessage& m : request.messages) {
      if (m.role == Role::kSystem) {
        if (!system.empty()) system += "\n\n";
        system += m.content;
        continue;
      }
      const char* role = m.role == Role::kAssistant ? "model" : "user";
      contents.push_back({{"role", role}, {"parts", {{{"text", m.content}}}}});
    }
    body["contents"] = std::move(contents);
    if (!system.empty()) body["systemInstruction"] = {{"parts", {{{"text", system}}}}};
    nlohmann::json config = nlohmann::json::object();
    if (s.temperature) config["temperature"] = *s.temperature;
    if (s.top_p) config["topP"] = *s.top_p;
    if (s.max_tokens) config["maxOutputTokens"] = *s.max_tokens;
    if (s.stop && !s.stop->empty()) config["stopSequences"] = *s.stop;
    if (settings_.send_seed) config["seed"] = WireSeed(request.seed);
    if (settings_.include_thoughts) config["thinkingConfig"] = {{"includeThoughts", true}};
    if (!config.empty()) body["generationConfig"] = std::move(config);
    settings_.extra.ApplyTo(&body);

    return JsonPostRequest(settings_.url, {{"x-goog-api-key", settings_.key}}, settings_.extra,
                           body);
  }

  Completion ParseResponse(const HttpResponse& response) const override {
    return ParseHttpAnswer(response, "gemini", settings_.key, ParseBody);
  }

 private:
  static Completion ParseBody(std::string_view body) {
    const auto root = ParseJsonObject(body);
    if (!root) return BadResponse("the answer is not a JSON object", body);
    const nlohmann::json* candidates = ArrayField(*root, "candidates");
    if (candidates == nullptr || candidates->empty() || !(*candidates)[0].is_object()) {
      if (const nlohmann::json* feedback = ObjectField(*root, "promptFeedback")) {
        const std::string reason = StringField(*feedback, "blockReason");
        if (!reason.empty()) {
          return ErrorCompletion("blocked", "gemini blocked the prompt: " + reason);
        }
      }
      return BadResponse("the answer has no candidates", body);
    }
    const nlohmann::json& candidate = (*candidates)[0];
    Completion c;
    c.ok = true;
    if (const nlohmann::json* content = ObjectField(candidate, "content")) {
      if (const nlohmann::json* parts = ArrayField(*content, "parts")) {
        for (const auto& part : *parts) {
          const auto thought = part.is_object() ? part.find("thought") : part.end();
          const bool is_thought = part.is_object() && thought != part.end() &&
                                  thought->is_boolean() && thought->get<bool>();
          (is_thought ? c.reasoning : c.output) += StringField(part, "text");
        }
      }
    }
    c.finish_reason = StringField(candidate, "finishReason");
    if (const nlohmann::json* usage = ObjectField(*root, "usageMetadata")) {
      c.input_tokens = CountField(*usage, "promptTokenCount");
      c.output_tokens = CountField(*usage, "candidatesTokenCount");
      c.reasoning_tokens = CountField(*usage, "thoughtsTokenCount");
    }
    c.served_model = StringField(*root, "modelVersion");
    return c;
  }

  GeminiSettings settings_;
};

}  // namespace

const std::vector<std::string>& GeminiOptionKeys() {
  static const std::vector<std::string> keys = {"include_thoughts", "send_seed", "headers",
                                                "extra_body"};
  return keys;
}

std::unique_ptr<Adapter> CreateGeminiAdapter(const ModelConfig& config) {
  GeminiSettings settings;
  const std::string base =
      config.base_url.empty() ? std::string(kGeminiDefaultBaseUrl) : config.base_url;
  CheckBaseUrl(config, base);
  // Accept both "gemini-2.5-flash" and the resource form "models/gemini-2.5-flash".
  std::string model = config.model;
  if (model.rfind("models/", 0) == 0) model.erase(0, 7);
  for (char ch : model) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.') {
      throw ConfigError(config.where, "model",
                        "'" + config.model + "' is not a Gemini model id (e.g. gemini-2.5-flash)");
    }
  }
  if (model.empty()) throw ConfigError(config.where, "model", "is required for gemini");
  settings.url = JoinUrl(base, "/v1beta/models/" + model + ":generateContent");
  settings.include_thoughts = BoolOption(config, "include_thoughts").value_or(false);
  settings.send_seed = BoolOption(config, "send_seed").value_or(true);
  settings.extra = ExtraHttpFields::FromOptions(config);
  settings.key = RequireApiKey(config, kGeminiDefaultKeyEnv);
  return std::make_unique<CodecAdapter>(std::make_unique<GeminiCodec>(std::move(settings)));
}

}  // namespace kinship
