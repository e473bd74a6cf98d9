#include "harness/run/sampling_json.h"

#include "harness/core/json_text.h"

namespace kinship {

nlohmann::json SamplingToJson(const SamplingParams& p) {
  nlohmann::json j = nlohmann::json::object();
  if (p.temperature) j["temperature"] = *p.temperature;
  if (p.top_p) j["top_p"] = *p.top_p;
  if (p.max_tokens) j["max_tokens"] = *p.max_tokens;
  if (p.seed) j["seed"] = *p.seed;
  if (p.stop) j["stop"] = *p.stop;
  return j;
}

void AppendSamplingJson(const SamplingParams& p, std::string* out) {
  const std::size_t open = out->size();
  out->push_back('{');
  auto key = [&](const char* name) {
    if (out->size() > open + 1) out->push_back(',');
    out->push_back('"');
    out->append(name);
    out->append("\":");
  };
  if (p.max_tokens) {
    key("max_tokens");
    AppendJsonInteger(*p.max_tokens, out);
  }
  if (p.seed) {
    key("seed");
    AppendJsonUnsigned(*p.seed, out);
  }
  if (p.stop) {
    key("stop");
    AppendJsonStringArray(*p.stop, out);
  }
  if (p.temperature) {
    key("temperature");
    AppendJsonNumber(*p.temperature, out);
  }
  if (p.top_p) {
    key("top_p");
    AppendJsonNumber(*p.top_p, out);
  }
  out->push_back('}');
}

SamplingParams SamplingFromJson(const nlohmann::json& j) {
  SamplingParams p;
  if (!j.is_object()) return p;
  if (j.contains("temperature")) p.temperature = j["temperature"].get<double>();
  if (j.contains("top_p")) p.top_p = j["top_p"].get<double>();
  if (j.contains("max_tokens")) p.max_tokens = j["max_tokens"].get<int>();
  if (j.contains("seed")) p.seed = j["seed"].get<std::uint64_t>();
  if (j.contains("stop")) p.stop = j["stop"].get<std::vector<std::string>>();
  return p;
}

}  // namespace kinship
