// Sampling parameters. Every field is optional so that layers can be stacked:
// suite defaults <- prompt overrides <- model `params` <- command-line flags,
// each later layer winning where it sets a value (SamplingParams::OverrideWith).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kinship {

struct SamplingParams {
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<int> max_tokens;
  std::optional<std::uint64_t> seed;
  std::optional<std::vector<std::string>> stop;

  // Copies every field that `other` sets.
  void OverrideWith(const SamplingParams& other);

  bool operator==(const SamplingParams&) const = default;
};

// Values used when no layer sets a field.
inline constexpr double kDefaultTemperature = 0.0;
inline constexpr int kDefaultMaxTokens = 512;

}  // namespace kinship
