#include "harness/run/response_record.h"

#include <cmath>

#include <nlohmann/json.hpp>

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

std::string RecordToJsonLine(const ResponseRecord& r) {
  nlohmann::ordered_json j;
  j["model"] = r.model;
  j["suite"] = r.suite;
  j["prompt_id"] = r.prompt_id;
  j["sample"] = r.sample;
  j["status"] = r.status;
  j["output"] = r.output;
  if (!r.reasoning.empty()) j["reasoning"] = r.reasoning;
  j["error"] = r.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.error);
  if (!r.error_kind.empty()) j["error_kind"] = r.error_kind;
  j["finish_reason"] = r.finish_reason;
  j["input_tokens"] = r.input_tokens;
  j["output_tokens"] = r.output_tokens;
  if (r.reasoning_tokens >= 0) j["reasoning_tokens"] = r.reasoning_tokens;
  j["latency_ms"] = r.latency_ms;
  j["attempts"] = r.attempts;
  if (r.rate_limited > 0) j["rate_limited"] = r.rate_limited;
  j["cached"] = r.cached;
  j["seed"] = r.seed;
  j["temperature"] = std::isnan(r.temperature) ? nlohmann::ordered_json(nullptr)
                                                : nlohmann::ordered_json(r.temperature);
  if (!r.served_model.empty()) j["served_model"] = r.served_model;
  if (!r.system_fingerprint.empty()) j["system_fingerprint"] = r.system_fingerprint;
  if (!r.logprobs.empty()) {
    nlohmann::ordered_json tokens = nlohmann::ordered_json::array();
    for (const auto& t : r.logprobs) {
      nlohmann::ordered_json top = nlohmann::ordered_json::array();
      for (const auto& [token, logprob] : t.top) top.push_back({token, logprob});
      tokens.push_back({{"token", t.token}, {"logprob", t.logprob}, {"top", top}});
    }
    j["logprobs"] = tokens;
  }
  j["started_at"] = r.started_at;
  j["finished_at"] = r.finished_at;
  // Invalid UTF-8 from a backend is kept byte-exact as far as JSON allows: replaced only
  // where JSON cannot carry it, so a record is always one valid JSON line.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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
