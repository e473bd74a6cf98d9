// The plan of a run: every (model, prompt, sample) item with its resolved sampling and
// seed. Planning is deterministic -- the same suites, models and flags give the same plan
// so `run --resume` and shards can recompute it instead of storing it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/config/prompt.h"
#include "harness/core/sampling.h"

namespace kinship {

struct PlanOptions {
  SamplingParams overrides;              // from flags; win over everything
  std::optional<int> samples_override;   // --samples
};

struct WorkItem {
  int model = 0;             // index into the panel
  int prompt = 0;            // index into the prompt list
  int sample = 0;
  SamplingParams sampling;   // fully resolved: temperature and max_tokens always set
  std::uint64_t seed = 0;    // per-item seed
  std::string key;           // RecordKey(model name, suite, prompt id, sample)
};

// Items ordered sample-major, then prompt, then model, so that an interrupted run has
// spread its work evenly over the panel (every model has answered the same prompts).
std::vector<WorkItem> BuildPlan(const std::vector<ModelConfig>& models,
                                const std::vector<Prompt>& prompts,
                                const std::vector<int>& suite_samples,  // per prompt
                                const PlanOptions& options);

// The per-item seed: a hash of the resolved base seed, suite, prompt id and sample index.
// Independent of the model (paired models see the same seeds), of concurrency and of order.
std::uint64_t ItemSeed(std::uint64_t base_seed, const std::string& suite,
                       const std::string& prompt_id, int sample);

}  // namespace kinship
