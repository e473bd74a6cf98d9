#include "adapters/openai/openai_codec.h"

#include <utility>

#include "adapters/wire/json_exchange.h"
#include "adapters/wire/sse_parser.h"
#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"
#include "harness/core/json_cursor.h"
#include "harness/core/json_text.h"

namespace kinship {
namespace {

// choices[i].logprobs.content: [{token, logprob, bytes, top_logprobs: [{token, logprob}]}]
void AppendLogprobs(const nlohmann::json& choice, std::vector<TokenLogprob>* out) {
  const nlohmann::json* logprobs = ObjectField(choice, "logprobs");
  if (logprobs == nullptr) return;
  const nlohmann::json* content = ArrayField(*logprobs, "content");
  if (content == nullptr) return;
  for (const auto& entry : *content) {
    if (!entry.is_object()) continue;
    TokenLogprob token;
    token.token = StringField(entry, "token");
    if (const auto lp = entry.find("logprob"); lp != entry.end() && lp->is_number()) {
      token.logprob = lp->get<double>();
    }
    if (const nlohmann::json* top = ArrayField(entry, "top_logprobs")) {
      for (const auto& alt : *top) {
        const auto lp = alt.find("logprob");
        if (!alt.is_object() || lp == alt.end() || !lp->is_number()) continue;
        token.top.emplace_back(StringField(alt, "token"), lp->get<double>());
      }
    }
    out->push_back(std::move(token));
  }
}

void ApplyUsage(const nlohmann::json& root, Completion* c) {
  const nlohmann::json* usage = ObjectField(root, "usage");
  if (usage == nullptr) return;
  c->input_tokens = CountField(*usage, "prompt_tokens");
  c->output_tokens = CountField(*usage, "completion_tokens");
  if (const nlohmann::json* details = ObjectField(*usage, "completion_tokens_details")) {
    c->reasoning_tokens = CountField(*details, "reasoning_tokens");
  }
}

void ApplyIdentity(const nlohmann::json& root, Completion* c) {
  if (auto model = StringField(root, "model"); !model.empty()) c->served_model = model;
  if (auto fp = StringField(root, "system_fingerprint"); !fp.empty()) {
    c->system_fingerprint = fp;
  }
}

// DeepSeek names the reasoning `reasoning_content`; OpenRouter and newer vLLM builds
// name it `reasoning`. Either one goes to Completion::reasoning.
std::string ReasoningText(const nlohmann::json& message) {
  std::string text = StringField(message, "reasoning_content");
  if (text.empty()) text = StringField(message, "reasoning");
  return text;
}

bool LooksLikeEventStream(const HttpResponse& response) {
  if (const std::string* type = response.FindHeader("content-type")) {  // once per answer: no copy
    if (type->find("text/event-stream") != std::string::npos) return true;
  }
  std::string_view body = response.body;
  while (!body.empty() && (body.front() == ' ' || body.front() == '\n' || body.front() == '\r')) {
    body.remove_prefix(1);
  }
  return body.rfind("data:", 0) == 0 || body.rfind(": ", 0) == 0;
}

// Reads a string field that may be null (StringField's rule: anything but a string is "").
bool ReadText(JsonCursor& cursor, std::string* out) {
  if (cursor.Peek() != JsonCursor::Kind::kNull) return cursor.ReadString(out);
  out->clear();
  return cursor.ReadNull();
}

// A count that may be null or absent (CountField's rule: -1 unless a non-negative integer).
bool ReadCount(JsonCursor& cursor, std::int64_t* out) {
  if (cursor.Peek() == JsonCursor::Kind::kNull) {
    *out = -1;
    return cursor.ReadNull();
  }
  return cursor.ReadInt64(out) && *out >= 0;
}

bool ReadUsage(JsonCursor& cursor, Completion* c) {
  if (!cursor.BeginObject()) return false;
  std::string_view key;
  while (cursor.NextKey(&key)) {
    bool ok = true;
    if (KeyIs(key, "prompt_tokens")) {
      ok = ReadCount(cursor, &c->input_tokens);
    } else if (KeyIs(key, "completion_tokens")) {
      ok = ReadCount(cursor, &c->output_tokens);
    } else if (KeyIs(key, "completion_tokens_details")) {
      if (!cursor.BeginObject()) return false;
      while (ok && cursor.NextKey(&key)) {
        ok = KeyIs(key, "reasoning_tokens") ? ReadCount(cursor, &c->reasoning_tokens) : cursor.Skip();
      }
    } else {
      ok = cursor.Skip();
    }
    if (!ok || cursor.failed()) return false;
  }
  return !cursor.failed();
}

// choices[0]; later choices are skipped (n > 1 is not asked for).
bool ReadFirstChoice(JsonCursor& cursor, Completion* c) {
  if (!cursor.BeginArray() || !cursor.NextElement() || !cursor.BeginObject()) return false;
  std::string_view key;
  std::string reasoning_content, reasoning;
  while (cursor.NextKey(&key)) {
    bool ok = true;
    if (KeyIs(key, "message")) {
      if (!cursor.BeginObject()) return false;
      while (ok && cursor.NextKey(&key)) {
        if (KeyIs(key, "content")) {
          ok = ReadText(cursor, &c->output);
        } else if (KeyIs(key, "reasoning_content")) {
          ok = ReadText(cursor, &reasoning_content);
        } else if (KeyIs(key, "reasoning")) {
          ok = ReadText(cursor, &reasoning);
        } else {
          ok = cursor.Skip();
        }
      }
    } else if (KeyIs(key, "finish_reason")) {
      ok = ReadText(cursor, &c->finish_reason);
    } else if (KeyIs(key, "logprobs")) {
      ok = cursor.Peek() == JsonCursor::Kind::kNull && cursor.ReadNull();  // else: the DOM path
    } else {
      ok = cursor.Skip();
    }
    if (!ok || cursor.failed()) return false;
  }
  c->reasoning = reasoning_content.empty() ? std::move(reasoning) : std::move(reasoning_content);
  while (cursor.NextElement()) {
    if (!cursor.Skip()) return false;
  }
  return !cursor.failed();
}

// The common answer -- one choice, no logprobs -- read in one pass without a DOM (it runs
// once per request on the I/O thread), into the caller's Completion (returning one through
// an optional cost two moves of all its strings per answer). False for anything else (no
// choices, an error object, logprobs, an unexpected type), with *c partly filled: the
// caller replaces it with what ParseChatCompletionBody's DOM path decides, so both paths
// give the same Completion for what the fast one takes.
bool FastChatCompletion(std::string_view body, Completion* c) {
  JsonCursor cursor(body);
  bool has_choice = false;
  if (!cursor.BeginObject()) return false;
  std::string_view key;
  std::string text;
  while (cursor.NextKey(&key)) {
    bool ok = true;
    if (KeyIs(key, "choices")) {
      ok = has_choice = ReadFirstChoice(cursor, c);
    } else if (KeyIs(key, "usage")) {
      ok = ReadUsage(cursor, c);
    } else if (KeyIs(key, "model") || KeyIs(key, "system_fingerprint")) {
      ok = ReadText(cursor, &text);
      (KeyIs(key, "model") ? c->served_model : c->system_fingerprint) = text;
    } else {
      ok = cursor.Skip();
    }
    if (!ok) return false;
  }
  if (!has_choice || !cursor.AtEnd()) return false;
  c->ok = true;
  return true;
}

}  // namespace

// The request body written by hand, with the keys in the order nlohmann's std::map gives
// them, so it is byte for byte the body BuildRequest's DOM path writes (tested). Used when
// the model has no extra_body: the DOM cost more than the exchange on a fast local server.
std::string OpenAiCodec::HandWrittenBody(const ModelRequest& request) const {
  using namespace std::string_view_literals;
  const SamplingParams& s = request.sampling;
  std::string body;
  std::size_t size = 200;
  for (const ChatMessage& m : request.messages) size += m.content.size() + 40;
  body.reserve(size);
  body.push_back('{');
  // `quoted_key` is the key as written, quotes and colon included ("\"seed\":"): two string
  // operations per key instead of four (one of them a strlen'd append).
  auto key = [&](std::string_view quoted_key) {
    if (body.size() > 1) body.push_back(',');
    body.append(quoted_key);
  };
  if (settings_.logprobs || settings_.top_logprobs) {
    key("\"logprobs\":"sv);
    body.append("true"sv);
  }
  if (s.max_tokens && settings_.max_completion_tokens) {
    key("\"max_completion_tokens\":"sv);
    AppendJsonInteger(*s.max_tokens, &body);
  }
  if (s.max_tokens && !settings_.max_completion_tokens) {
    key("\"max_tokens\":"sv);
    AppendJsonInteger(*s.max_tokens, &body);
  }
  key("\"messages\":"sv);
  body.push_back('[');
  for (std::size_t i = 0; i < request.messages.size(); ++i) {
    if (i > 0) body.push_back(',');
    body.append("{\"content\":"sv);
    AppendJsonString(request.messages[i].content, &body);
    body.append(",\"role\":"sv);
    AppendJsonString(RoleName(request.messages[i].role), &body);
    body.push_back('}');
  }
  body.push_back(']');
  if (!settings_.model.empty()) {
    key("\"model\":"sv);
    AppendJsonString(settings_.model, &body);
  }
  if (settings_.send_seed) {
    key("\"seed\":"sv);
    AppendJsonInteger(WireSeed(request.seed), &body);
  }
  if (s.stop && !s.stop->empty()) {
    key("\"stop\":"sv);
    AppendJsonStringArray(*s.stop, &body);
  }
  if (settings_.stream) {
    key("\"stream\":"sv);
    body.append("true"sv);
    key("\"stream_options\":"sv);
    body.append("{\"include_usage\":true}"sv);
  }
  if (s.temperature) {
    key("\"temperature\":"sv);
    AppendJsonNumber(*s.temperature, &body);
  }
  if (settings_.top_logprobs) {
    key("\"top_logprobs\":"sv);
    AppendJsonInteger(*settings_.top_logprobs, &body);
  }
  if (s.top_p) {
    key("\"top_p\":"sv);
    AppendJsonNumber(*s.top_p, &body);
  }
  body.push_back('}');
  return body;
}

HttpRequest OpenAiCodec::BuildRequest(const ModelRequest& request) const {
  HttpRequest out;
  if (settings_.extra.body.empty()) {
    out = JsonPostRequest(settings_.url, settings_.auth_headers, settings_.extra, HandWrittenBody(request));
  } else {
    out = JsonPostRequest(settings_.url, settings_.auth_headers, settings_.extra, DomBody(request));
  }
  if (settings_.stream) {
    for (auto& [name, value] : out.headers) {
      if (name == "Accept") value = "text/event-stream";
    }
  }
  return out;
}

// The body through a JSON DOM, which extra_body edits (adds, replaces, removes fields).
nlohmann::json OpenAiCodec::DomBody(const ModelRequest& request) const {
  const SamplingParams& s = request.sampling;
  nlohmann::json body = nlohmann::json::object();
  if (!settings_.model.empty()) body["model"] = settings_.model;
  nlohmann::json messages = nlohmann::json::array();
  for (const ChatMessage& m : request.messages) {
    messages.push_back({{"role", std::string(RoleName(m.role))}, {"content", m.content}});
  }
  body["messages"] = std::move(messages);
  if (s.temperature) body["temperature"] = *s.temperature;
  if (s.top_p) body["top_p"] = *s.top_p;
  if (s.max_tokens) {
    body[settings_.max_completion_tokens ? "max_completion_tokens" : "max_tokens"] = *s.max_tokens;
  }
  if (settings_.send_seed) body["seed"] = WireSeed(request.seed);
  if (s.stop && !s.stop->empty()) body["stop"] = *s.stop;
  if (settings_.logprobs || settings_.top_logprobs) {
    body["logprobs"] = true;
    if (settings_.top_logprobs) body["top_logprobs"] = *settings_.top_logprobs;
  }
  if (settings_.stream) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  settings_.extra.ApplyTo(&body);
  return body;
}

Completion OpenAiCodec::ParseResponse(const HttpResponse& response) const {
  // One expression, so the chosen parser builds `c` in place (assigning it cost a move of
  // every field per answer).
  Completion c = !IsSuccessStatus(response.status) ? HttpErrorCompletion(response, settings_.provider)
                 : settings_.stream || LooksLikeEventStream(response)
                     ? ParseChatCompletionStream(response.body)
                     : ParseChatCompletionBody(response.body);
  if (!c.ok) RedactSecret(&c, settings_.secret);
  return c;
}

void ReadChatCompletionOptions(const ModelConfig& config, OpenAiCodecSettings* settings) {
  settings->logprobs = BoolOption(config, "logprobs").value_or(false);
  settings->top_logprobs = IntOption(config, "top_logprobs", 0, 20);
  settings->max_completion_tokens = BoolOption(config, "max_completion_tokens").value_or(false);
  settings->stream = BoolOption(config, "stream").value_or(false);
  settings->send_seed = BoolOption(config, "send_seed").value_or(true);
  settings->extra = ExtraHttpFields::FromOptions(config);
}

namespace {

// ParseChatCompletionBody through the nlohmann DOM: anything FastChatCompletion does not take.
Completion DomChatCompletion(std::string_view body) {
  const auto root = ParseJsonObject(body);
  if (!root) return BadResponse("the answer is not a JSON object", body);
  const nlohmann::json* choices = ArrayField(*root, "choices");
  if (choices == nullptr || choices->empty() || !(*choices)[0].is_object()) {
    // Some gateways (OpenRouter) answer 200 with an error object.
    if (auto message = ProviderErrorMessage(body)) {
      return ErrorCompletion("backend_error", "the backend reported an error: " + QuoteBody(*message));
    }
    return BadResponse("the answer has no choices", body);
  }
  const nlohmann::json& choice = (*choices)[0];
  Completion c;
  c.ok = true;
  if (const nlohmann::json* message = ObjectField(choice, "message")) {
    c.output = StringField(*message, "content");
    c.reasoning = ReasoningText(*message);
  }
  c.finish_reason = StringField(choice, "finish_reason");
  AppendLogprobs(choice, &c.logprobs);
  ApplyUsage(*root, &c);
  ApplyIdentity(*root, &c);
  return c;
}

}  // namespace

Completion ParseChatCompletionBody(std::string_view body) {
  Completion c;  // one object, returned in place (NRVO) from the fast path
  if (!FastChatCompletion(body, &c)) c = DomChatCompletion(body);
  return c;
}

Completion ParseChatCompletionStream(std::string_view body, int* malformed_events) {
  SseParser parser;
  parser.Feed(body);
  parser.Finish();
  Completion c;
  int parsed = 0;
  int malformed = 0;
  bool done = false;
  std::string stream_error;
  for (const SseEvent& event : parser.TakeEvents()) {
    if (event.data == "[DONE]") {
      done = true;
      continue;
    }
    auto chunk = ParseJsonObject(event.data);
    if (!chunk) {
      ++malformed;
      continue;
    }
    ++parsed;
    if (!chunk->contains("choices")) {
      if (auto message = ProviderErrorMessage(event.data)) stream_error = *message;
    }
    ApplyIdentity(*chunk, &c);
    ApplyUsage(*chunk, &c);
    const nlohmann::json* choices = ArrayField(*chunk, "choices");
    if (choices == nullptr || choices->empty() || !(*choices)[0].is_object()) continue;
    const nlohmann::json& choice = (*choices)[0];
    if (const nlohmann::json* delta = ObjectField(choice, "delta")) {
      c.output += StringField(*delta, "content");
      c.reasoning += ReasoningText(*delta);
    }
    if (auto reason = StringField(choice, "finish_reason"); !reason.empty()) {
      c.finish_reason = reason;
    }
    AppendLogprobs(choice, &c.logprobs);
  }
  if (malformed_events != nullptr) *malformed_events = malformed;
  if (!stream_error.empty()) {
    return ErrorCompletion("backend_error",
                           "the backend reported an error mid-stream: " + QuoteBody(stream_error));
  }
  if (parsed == 0) {
    return BadResponse(malformed > 0 ? "no event of the stream is valid JSON"
                                     : "the stream holds no events",
                       body);
  }
  if (!done && c.finish_reason.empty()) {
    return BadResponse("the stream ended before its last event (no finish_reason, no [DONE])",
                       body.substr(body.size() > 200 ? body.size() - 200 : 0));
  }
  c.ok = true;
  return c;
}

}  // namespace kinship
