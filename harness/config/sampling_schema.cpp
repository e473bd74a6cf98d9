#include "harness/config/sampling_schema.h"

#include <limits>

namespace kinship {

namespace {

std::string Number(double value) {
  std::string text = std::to_string(value);
  while (text.size() > 1 && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

const std::vector<std::string>& SamplingKeys() {
  static const std::vector<std::string> keys = {"temperature", "top_p", "max_tokens", "seed",
                                                "stop"};
  return keys;
}

bool DecodeSamplingKey(const std::string& key, const ConfigNode& value, const std::string& field,
                       SamplingParams* params) {
  if (key == "temperature") {
    double t = DecodeDouble(value, field);
    if (t < 0 || t > 2) {
      throw ConfigError(value.where, field, "must be between 0 and 2, got " + Number(t));
    }
    params->temperature = t;
  } else if (key == "top_p") {
    double p = DecodeDouble(value, field);
    if (p <= 0 || p > 1) {
      throw ConfigError(value.where, field,
                        "must be greater than 0 and at most 1, got " + Number(p));
    }
    params->top_p = p;
  } else if (key == "max_tokens") {
    std::int64_t n = DecodeInt(value, field);
    if (n <= 0 || n > std::numeric_limits<int>::max()) {
      throw ConfigError(value.where, field, "must be a positive integer, got " + std::to_string(n));
    }
    params->max_tokens = static_cast<int>(n);
  } else if (key == "seed") {
    params->seed = DecodeUint64(value, field);
  } else if (key == "stop") {
    std::vector<std::string> stop = DecodeStringList(value, field, /*allow_single=*/true);
    for (const auto& s : stop) {
      if (s.empty()) throw ConfigError(value.where, field, "stop sequences must not be empty");
    }
    params->stop = std::move(stop);
  } else {
    return false;
  }
  return true;
}

int DecodeSamples(const ConfigNode& value, const std::string& field) {
  std::int64_t n = DecodeInt(value, field);
  if (n < 1 || n > kMaxSamples) {
    throw ConfigError(value.where, field,
                      "must be between 1 and " + std::to_string(kMaxSamples) + ", got " +
                          std::to_string(n));
  }
  return static_cast<int>(n);
}

}  // namespace kinship
