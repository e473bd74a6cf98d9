// The plan of a run: every (model, prompt, sample) item with its resolved sampling and
// seed. Planning is deterministic -- the same suites, models and flags give the same plan
// so `run --resume` and shards can recompute it instead of storing it.
#pragma once

#include <cstdint>
#include <memory>
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
  // The audit's sampling protocol (research §4.1): sample 0 of every prompt is greedy
  // (temperature 0) and samples 1.. are drawn at `sampled_temperature`. Applied after every
  // other layer, the flags included, since the protocol is what makes the statistics valid.
  // Recorded in the manifest, so resume, shards and merge recompute the same plan.
  bool greedy_first_sample = false;
  double sampled_temperature = 1.0;
};

struct WorkItem {
  int model = 0;             // index into the panel
  int prompt = 0;            // index into the prompt list
  int sample = 0;
  std::uint64_t seed = 0;    // per-item seed
  // Fully resolved: temperature and max_tokens always set. Shared, never null in a plan:
  // items of the same model whose layers resolve alike point at one copy, so a plan of
  // 20,000 items is 40 bytes an item instead of 112 (on some virtual machines every fresh
  // page of memory costs ~12 us to fault in, and this was most of planning's time).
  std::shared_ptr<const SamplingParams> sampling;
};

// The item's RecordKey (model name, suite, prompt id, sample), which its record will carry.
// Computed on demand, not stored: a plan of millions of items would hold a string each,
// and only resume and shard checks need the keys.
std::string WorkItemKey(const WorkItem& item, const std::vector<ModelConfig>& models,
                        const std::vector<Prompt>& prompts);

// Items ordered sample-major, then prompt, then model, so that an interrupted run has
// spread its work evenly over the panel (every model has answered the same prompts).
std::vector<WorkItem> BuildPlan(const std::vector<ModelConfig>& models,
                                const std::vector<Prompt>& prompts,
                                const std::vector<int>& suite_samples,  // per prompt
                                const PlanOptions& options);

// A stable slice of the work: shard `index` (0-based) of `count`.
struct Shard {
  int index = 0;
  int count = 1;
  bool operator==(const Shard&) const = default;
};

// The shard a prompt belongs to: StableHash64(suite + "/" + prompt id) % count. Every model
// and sample of a prompt goes to the same shard (so per-prompt statistics, which pair
// samples and models, never straddle shards), and the assignment depends on nothing else:
// not on the panel, the order of the suite, or the other prompts.
int ShardOfPrompt(const std::string& suite, const std::string& prompt_id, int count);

// The items of `plan` whose prompt falls in `shard`, in plan order.
std::vector<WorkItem> FilterPlanToShard(const std::vector<WorkItem>& plan,
                                        const std::vector<Prompt>& prompts, const Shard& shard);

// Parses a --shard value: "i/N" (0 <= i < N), or "auto" / "auto/N", which take the index
// (and count) from the batch system's environment: SLURM_ARRAY_TASK_ID minus
// SLURM_ARRAY_TASK_MIN (when set) with SLURM_ARRAY_TASK_COUNT, else Kubernetes'
// JOB_COMPLETION_INDEX (the count must then be given as auto/N). `getenv` is injectable
// for tests. Throws ConfigError("--shard: ...") on anything else.
Shard ParseShard(const std::string& text, const char* (*getenv)(const char*) = nullptr);

// The per-item seed: a hash of the resolved base seed, suite, prompt id and sample index.
// Independent of the model (paired models see the same seeds), of concurrency and of order.
std::uint64_t ItemSeed(std::uint64_t base_seed, const std::string& suite,
                       const std::string& prompt_id, int sample);

}  // namespace kinship
