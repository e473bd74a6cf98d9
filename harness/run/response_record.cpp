#include "harness/run/response_record.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "harness/core/json_cursor.h"
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

// Writes `,"key":` given as one literal: one append per key (four small appends per key
// measured ~185 instructions each).
template <std::size_t N>
void Key(const char (&separator_and_key)[N], std::string* out) {
  out->append(separator_and_key, N - 1);
}

// Writes `,"key":` and an integer with one append: the digits go into a local buffer after
// the key (the second append per numeric field cost ~50 instructions, callgrind).
template <std::size_t N, class Integer>
void KeyInteger(const char (&separator_and_key)[N], Integer value, std::string* out) {
  char buffer[N - 1 + 24];
  std::memcpy(buffer, separator_and_key, N - 1);
  const char* const end = std::to_chars(buffer + N - 1, buffer + sizeof buffer, value).ptr;
  out->append(buffer, static_cast<std::size_t>(end - buffer));
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
  Key("{\"model\":", out);
  AppendJsonString(r.model, out);
  Key(",\"suite\":", out);
  AppendJsonString(r.suite, out);
  Key(",\"prompt_id\":", out);
  AppendJsonString(r.prompt_id, out);
  KeyInteger(",\"sample\":", r.sample, out);
  Key(",\"status\":", out);
  AppendJsonString(r.status, out);
  Key(",\"output\":", out);
  AppendJsonString(r.output, out);
  if (!r.reasoning.empty()) {
    Key(",\"reasoning\":", out);
    AppendJsonString(r.reasoning, out);
  }
  Key(",\"error\":", out);
  StringOrNull(r.error, out);
  if (!r.error_kind.empty()) {
    Key(",\"error_kind\":", out);
    AppendJsonString(r.error_kind, out);
  }
  Key(",\"finish_reason\":", out);
  AppendJsonString(r.finish_reason, out);
  KeyInteger(",\"input_tokens\":", r.input_tokens, out);
  KeyInteger(",\"output_tokens\":", r.output_tokens, out);
  if (r.reasoning_tokens >= 0) {
    KeyInteger(",\"reasoning_tokens\":", r.reasoning_tokens, out);
  }
  Key(",\"latency_ms\":", out);
  AppendJsonNumber(r.latency_ms, out);
  KeyInteger(",\"attempts\":", r.attempts, out);
  if (r.rate_limited > 0) {
    KeyInteger(",\"rate_limited\":", r.rate_limited, out);
  }
  out->append(r.cached ? std::string_view(",\"cached\":true") : std::string_view(",\"cached\":false"));
  KeyInteger(",\"seed\":", r.seed, out);
  Key(",\"temperature\":", out);
  AppendJsonNumber(r.temperature, out);  // NaN (unknown) is written as null
  if (!r.served_model.empty()) {
    Key(",\"served_model\":", out);
    AppendJsonString(r.served_model, out);
  }
  if (!r.system_fingerprint.empty()) {
    Key(",\"system_fingerprint\":", out);
    AppendJsonString(r.system_fingerprint, out);
  }
  if (!r.logprobs.empty()) {
    Key(",\"logprobs\":", out);
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
  Key(",\"started_at\":", out);
  AppendJsonString(r.started_at, out);
  Key(",\"finished_at\":", out);
  AppendJsonString(r.finished_at, out);
  out->push_back('}');
}

std::string RecordToJsonLine(const ResponseRecord& r) {
  std::string line;
  line.reserve(512 + r.output.size() + r.reasoning.size());
  AppendRecordJson(r, &line);
  return line;
}

namespace {

bool ReadInt(JsonCursor& cursor, int* out) {
  std::int64_t value = 0;
  if (!cursor.ReadInt64(&value) || value < INT32_MIN || value > INT32_MAX) return false;
  *out = static_cast<int>(value);
  return true;
}

// A null clears the field (as the full reader leaves it empty); a string sets it.
bool ReadStringOrNull(JsonCursor& cursor, std::string* out) {
  if (cursor.Peek() != JsonCursor::Kind::kNull) return cursor.ReadString(out);
  out->clear();
  return cursor.ReadNull();
}

// One pass over the line with JsonCursor, no DOM: reading records back (every recount,
// resume and report) is dominated by this. Returns nullopt whenever the line holds anything
// it does not take -- a torn line, an unexpected type, logprobs -- and the full parser
// below then decides with its exact rules, so both paths accept the same lines alike.
std::optional<ResponseRecord> FastRecordFromJsonLine(std::string_view line) {
  JsonCursor cursor(line);
  ResponseRecord r;
  bool has_model = false, has_prompt_id = false, has_status = false;
  if (!cursor.BeginObject()) return std::nullopt;
  std::string_view key;
  while (cursor.NextKey(&key)) {
    bool ok = false;
    if (KeyIs(key, "model")) {
      ok = has_model = cursor.ReadString(&r.model);
    } else if (KeyIs(key, "suite")) {
      ok = cursor.ReadString(&r.suite);
    } else if (KeyIs(key, "prompt_id")) {
      ok = has_prompt_id = cursor.ReadString(&r.prompt_id);
    } else if (KeyIs(key, "sample")) {
      ok = ReadInt(cursor, &r.sample);
    } else if (KeyIs(key, "status")) {
      ok = has_status = cursor.ReadString(&r.status);
    } else if (KeyIs(key, "output")) {
      ok = cursor.ReadString(&r.output);
    } else if (KeyIs(key, "reasoning")) {
      ok = cursor.ReadString(&r.reasoning);
    } else if (KeyIs(key, "error")) {
      ok = ReadStringOrNull(cursor, &r.error);
    } else if (KeyIs(key, "error_kind")) {
      ok = cursor.ReadString(&r.error_kind);
    } else if (KeyIs(key, "finish_reason")) {
      ok = cursor.ReadString(&r.finish_reason);
    } else if (KeyIs(key, "input_tokens")) {
      ok = cursor.ReadInt64(&r.input_tokens);
    } else if (KeyIs(key, "output_tokens")) {
      ok = cursor.ReadInt64(&r.output_tokens);
    } else if (KeyIs(key, "reasoning_tokens")) {
      ok = cursor.ReadInt64(&r.reasoning_tokens);
    } else if (KeyIs(key, "latency_ms")) {
      ok = cursor.ReadDouble(&r.latency_ms);
    } else if (KeyIs(key, "attempts")) {
      ok = ReadInt(cursor, &r.attempts);
    } else if (KeyIs(key, "rate_limited")) {
      ok = ReadInt(cursor, &r.rate_limited);
    } else if (KeyIs(key, "cached")) {
      ok = cursor.ReadBool(&r.cached);
    } else if (KeyIs(key, "seed")) {
      ok = cursor.ReadUint64(&r.seed);
    } else if (KeyIs(key, "temperature")) {
      if (cursor.Peek() == JsonCursor::Kind::kNull) {
        r.temperature = std::numeric_limits<double>::quiet_NaN();
        ok = cursor.ReadNull();
      } else {
        ok = cursor.ReadDouble(&r.temperature);
      }
    } else if (KeyIs(key, "served_model")) {
      ok = cursor.ReadString(&r.served_model);
    } else if (KeyIs(key, "system_fingerprint")) {
      ok = cursor.ReadString(&r.system_fingerprint);
    } else if (KeyIs(key, "started_at")) {
      ok = cursor.ReadString(&r.started_at);
    } else if (KeyIs(key, "finished_at")) {
      ok = cursor.ReadString(&r.finished_at);
    } else if (!KeyIs(key, "logprobs")) {
      ok = cursor.Skip();  // a key this version does not know
    }
    if (!ok) return std::nullopt;
  }
  if (!cursor.AtEnd() || !has_model || !has_prompt_id || !has_status) return std::nullopt;
  if (r.status != "ok" && r.status != "error") return std::nullopt;
  return r;
}

}  // namespace

std::optional<ResponseRecord> RecordFromJsonLine(std::string_view line, std::string* error) {
  if (auto fast = FastRecordFromJsonLine(line)) return fast;
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
