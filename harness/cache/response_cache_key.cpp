#include "harness/cache/response_cache_key.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "harness/cache/exact_text.h"
#include "harness/core/ascii_case.h"
#include "harness/core/hash.h"

namespace kinship {

namespace {

using nlohmann::json;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

json ExactText(const std::string& text) { return ExactTextToJson(text); }

// Drops credential-looking keys at every depth and makes every string byte-exact.
json Scrub(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [name, child] : value.items()) {
      if (LooksSecret(name)) continue;
      // Object keys must be valid UTF-8 to be dumped at all; options come from YAML, so
      // they are, but a hex-escaped key keeps even a broken one distinct.
      const json key = ExactText(name);
      out[key.is_string() ? key.get<std::string>() : "hex:" + key["hex"].get<std::string>()] =
          Scrub(child);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& child : value) out.push_back(Scrub(child));
    return out;
  }
  if (value.is_string()) return ExactText(value.get<std::string>());
  return value;
}

json Options(const json& options) {
  if (!options.is_object()) return Scrub(options);
  json out = json::object();
  for (const auto& [name, value] : options.items()) {
    if (LooksSecret(name)) continue;
    if (AsciiLowerCopy(name) == "headers" && value.is_object()) {
      // Header VALUES may be tokens under any name (X-Org-Session: ...), so only the
      // names count; HTTP header names are case-insensitive.
      std::vector<std::string> names;
      for (const auto& header : value.items()) names.push_back(AsciiLowerCopy(header.key()));
      std::sort(names.begin(), names.end());
      json list = json::array();
      for (const auto& header : names) list.push_back(ExactText(header));
      out[name] = std::move(list);
      continue;
    }
    out[name] = Scrub(value);
  }
  return out;
}

json OptionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json Sampling(const SamplingParams& s) {
  json stop = nullptr;
  if (s.stop) {
    stop = json::array();
    for (const auto& text : *s.stop) stop.push_back(ExactText(text));
  }
  // Unset fields are null rather than absent or defaulted: an adapter omits what is
  // unset and the backend's own default (often not ours) then applies.
  return json{{"temperature", OptionalNumber(s.temperature)},
              {"top_p", OptionalNumber(s.top_p)},
              {"max_tokens", s.max_tokens ? json(*s.max_tokens) : json(nullptr)},
              {"seed", s.seed ? json(*s.seed) : json(nullptr)},
              {"stop", stop}};
}

std::string NormalisedBaseUrl(std::string url) {
  while (!url.empty() && (url.back() == '/' || std::isspace(static_cast<unsigned char>(url.back())))) {
    url.pop_back();
  }
  return url;
}

}  // namespace

bool LooksSecret(std::string_view option_name) {
  std::string name = AsciiLowerCopy(option_name);
  std::replace(name.begin(), name.end(), '-', '_');
  for (std::string_view word : {"secret", "password", "passwd", "credential", "api_key",
                                "apikey", "auth", "cookie", "bearer", "private_key"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  // "access_token" and "token" are credentials; "max_tokens" is a sampling limit.
  if (EndsWith(name, "token")) return true;
  return name == "key" || EndsWith(name, "_key");
}

nlohmann::json CanonicalCacheRequest(const ModelConfig& model, const ModelRequest& request) {
  json messages = json::array();
  for (const auto& message : request.messages) {
    messages.push_back(
        {{"role", std::string(RoleName(message.role))}, {"content", ExactText(message.content)}});
  }
  return json{{"format", kCacheKeyFormat},
              {"adapter", ExactText(model.adapter)},
              {"base_url", ExactText(NormalisedBaseUrl(model.base_url))},
              {"model", ExactText(model.model)},
              {"options", Options(model.options)},
              {"messages", std::move(messages)},
              {"sampling", Sampling(request.sampling)},
              {"sample_index", request.sample_index},
              {"seed", request.seed}};
}

std::string ResponseCacheKey(const ModelConfig& model, const ModelRequest& request) {
  // nlohmann's default object keeps keys sorted, so dump() is canonical.
  return Sha256Hex(CanonicalCacheRequest(model, request).dump());
}

}  // namespace kinship
