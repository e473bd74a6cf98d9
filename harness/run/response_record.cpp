#include "harness/run/response_record.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "harness/core/json_text.h"

namespace kinship {

std::string RecordKey(std::string_view model, std::string_view suite, std::string_view prompt_id,
                      int sample) {
  // A unit separator cannot appear in names or ids that came through YAML/JSON text fields
  // in practice, and keeps the key unambiguous without escaping.
  std::string key;
  key.reserve(model.size() + suite.size() + prompt_id.size() + 8);
  key.append(model).push_back('\x1f');
  key.append(suite).push_back('\x1f');
  key.append(prompt_id).push_back('\x1f');
  key.append(std::to_string(sample));
  return key;
}

namespace {

// Writes `"key":` -- keys are fixed ASCII names, never escaped.
void Key(std::string_view key, std::string* out) {
  out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void StringOrNull(std::string_view text, std::string* out) {
  if (text.empty()) {
    out->append("null");
  } else {
    AppendJsonString(text, out);
  }
}

}  // namespace

// Hand-written rather than through a JSON DOM: it runs once per request on the engine's
// I/O thread, where building and dumping an ordered_json cost more than the HTTP exchange.
// Keys, their order and the optional ones are those of results/README.md.
void AppendRecordJson(const ResponseRecord& r, std::string* out) {
  out->append("{\"model\":");
  AppendJsonString(r.model, out);
  Key("suite", out);
  AppendJsonString(r.suite, out);
  Key("prompt_id", out);
  AppendJsonString(r.prompt_id, out);
  Key("sample", out);
  AppendJsonInteger(r.sample, out);
  Key("status", out);
  AppendJsonString(r.status, out);
  Key("output", out);
  AppendJsonString(r.output, out);
  if (!r.reasoning.empty()) {
    Key("reasoning", out);
    AppendJsonString(r.reasoning, out);
  }
  Key("error", out);
  StringOrNull(r.error, out);
  if (!r.error_kind.empty()) {
    Key("error_kind", out);
    AppendJsonString(r.error_kind, out);
  }
  Key("finish_reason", out);
  AppendJsonString(r.finish_reason, out);
  Key("input_tokens", out);
  AppendJsonInteger(r.input_tokens, out);
  Key("output_tokens", out);
  AppendJsonInteger(r.output_tokens, out);
  if (r.reasoning_tokens >= 0) {
    Key("reasoning_tokens", out);
    AppendJsonInteger(r.reasoning_tokens, out);
  }
  Key("latency_ms", out);
  AppendJsonNumber(r.latency_ms, out);
  Key("attempts", out);
  AppendJsonInteger(r.attempts, out);
  if (r.rate_limited > 0) {
    Key("rate_limited", out);
    AppendJsonInteger(r.rate_limited, out);
  }
  Key("cached", out);
  out->append(r.cached ? "true" : "false");
  Key("seed", out);
  AppendJsonUnsigned(r.seed, out);
  Key("temperature", out);
  AppendJsonNumber(r.temperature, out);  // NaN (unknown) is written as null
  if (!r.served_model.empty()) {
    Key("served_model", out);
    AppendJsonString(r.served_model, out);
  }
  if (!r.system_fingerprint.empty()) {
    Key("system_fingerprint", out);
    AppendJsonString(r.system_fingerprint, out);
  }
  if (!r.logprobs.empty()) {
    Key("logprobs", out);
    out->push_back('[');
    for (std::size_t i = 0; i < r.logprobs.size(); ++i) {
      const TokenLogprob& t = r.logprobs[i];
      if (i > 0) out->push_back(',');
      out->append("{\"token\":");
      AppendJsonString(t.token, out);
      out->append(",\"logprob\":");
      AppendJsonNumber(t.logprob, out);
      out->append(",\"top\":[");
      for (std::size_t k = 0; k < t.top.size(); ++k) {
        if (k > 0) out->push_back(',');
        out->push_back('[');
        AppendJsonString(t.top[k].first, out);
        out->push_back(',');
        AppendJsonNumber(t.top[k].second, out);
        out->push_back(']');
      }
      out->append("]}");
    }
    out->push_back(']');
  }
  Key("started_at", out);
  AppendJsonString(r.started_at, out);
  Key("finished_at", out);
  AppendJsonString(r.finished_at, out);
  out->push_back('}');
}

std::string RecordToJsonLine(const ResponseRecord& r) {
  std::string line;
  line.reserve(512 + r.output.size() + r.reasoning.size());
  AppendRecordJson(r, &line);
  return line;
}

std::optional<ResponseRecord> RecordFromJsonLine(std::string_view line, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    if (error) *error = "not a JSON object";
    return std::nullopt;
  }
  try {
    ResponseRecord r;
    r.model = j.at("model").get<std::string>();
    r.suite = j.value("suite", "");
    r.prompt_id = j.at("prompt_id").get<std::string>();
    r.sample = j.value("sample", 0);
    r.status = j.at("status").get<std::string>();
    r.output = j.value("output", "");
    r.reasoning = j.value("reasoning", "");
    if (j.contains("error") && j["error"].is_string()) r.error = j["error"].get<std::string>();
    r.error_kind = j.value("error_kind", "");
    r.finish_reason = j.value("finish_reason", "");
    r.input_tokens = j.value("input_tokens", std::int64_t{-1});
    r.output_tokens = j.value("output_tokens", std::int64_t{-1});
    r.reasoning_tokens = j.value("reasoning_tokens", std::int64_t{-1});
    r.latency_ms = j.value("latency_ms", 0.0);
    r.attempts = j.value("attempts", 1);
    r.rate_limited = j.value("rate_limited", 0);
    r.cached = j.value("cached", false);
    r.seed = j.value("seed", std::uint64_t{0});
    if (j.contains("temperature") && j["temperature"].is_number()) {
      r.temperature = j["temperature"].get<double>();
    }
    r.served_model = j.value("served_model", "");
    r.system_fingerprint = j.value("system_fingerprint", "");
    if (j.contains("logprobs") && j["logprobs"].is_array()) {
      for (const auto& t : j["logprobs"]) {
        TokenLogprob token;
        token.token = t.at("token").get<std::string>();
        token.logprob = t.at("logprob").get<double>();
        if (t.contains("top")) {
          for (const auto& alt : t["top"]) {
            token.top.emplace_back(alt.at(0).get<std::string>(), alt.at(1).get<double>());
          }
        }
        r.logprobs.push_back(std::move(token));
      }
    }
    r.started_at = j.value("started_at", "");
    r.finished_at = j.value("finished_at", "");
    if (r.status != "ok" && r.status != "error") {
      if (error) *error = "status must be \"ok\" or \"error\"";
      return std::nullopt;
    }
    return r;
  } catch (const nlohmann::json::exception& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

}  // namespace kinship
