#include "harness/core/sampling.h"

namespace kinship {

void SamplingParams::OverrideWith(const SamplingParams& other) {
  if (other.temperature) temperature = other.temperature;
  if (other.top_p) top_p = other.top_p;
  if (other.max_tokens) max_tokens = other.max_tokens;
  if (other.seed) seed = other.seed;
  if (other.stop) stop = other.stop;
}

}  // namespace kinship
