#include "harness/run/run_plan.h"

#include <cstdlib>
#include <string_view>

#include "harness/core/config_error.h"
#include "harness/core/hash.h"
#include "harness/run/response_record.h"

namespace kinship {

namespace {

// ItemSeed with the suite and prompt-id hashes already computed (once per prompt).
std::uint64_t SeedFromHashes(std::uint64_t base_seed, std::uint64_t suite_hash,
                             std::uint64_t prompt_id_hash, int sample) {
  return MixHash(MixHash(MixHash(base_seed, suite_hash), prompt_id_hash),
                 static_cast<std::uint64_t>(sample));
}

}  // namespace

std::uint64_t ItemSeed(std::uint64_t base_seed, const std::string& suite,
                       const std::string& prompt_id, int sample) {
  return SeedFromHashes(base_seed, StableHash64(suite), StableHash64(prompt_id), sample);
}

std::string WorkItemKey(const WorkItem& item, const std::vector<ModelConfig>& models,
                        const std::vector<Prompt>& prompts) {
  const Prompt& prompt = prompts[static_cast<std::size_t>(item.prompt)];
  return RecordKey(models[static_cast<std::size_t>(item.model)].name, prompt.suite, prompt.id, item.sample);
}

std::vector<WorkItem> BuildPlan(const std::vector<ModelConfig>& models,
                                const std::vector<Prompt>& prompts,
                                const std::vector<int>& suite_samples,
                                const PlanOptions& options) {
  std::vector<int> samples(prompts.size());
  std::vector<std::uint64_t> suite_hash(prompts.size()), id_hash(prompts.size());
  int max_samples = 0;
  std::size_t total = 0;
  for (std::size_t p = 0; p < prompts.size(); ++p) {
    samples[p] = options.samples_override.value_or(prompts[p].samples.value_or(suite_samples[p]));
    max_samples = std::max(max_samples, samples[p]);
    total += static_cast<std::size_t>(std::max(0, samples[p])) * models.size();
    suite_hash[p] = StableHash64(prompts[p].suite);
    id_hash[p] = StableHash64(prompts[p].id);
  }
  // The resolved sampling of (prompt, model, greedy or not), shared by equal neighbours:
  // suites rarely vary sampling per prompt, so a plan usually holds one copy per model.
  std::vector<std::shared_ptr<const SamplingParams>> previous(models.size() * 2);
  auto resolve = [&](std::size_t p, std::size_t m, int s) {
    SamplingParams sampling = prompts[p].sampling;
    sampling.OverrideWith(models[m].params);
    sampling.OverrideWith(options.overrides);
    if (options.greedy_first_sample) {
      sampling.temperature = s == 0 ? 0.0 : options.sampled_temperature;
    }
    if (!sampling.temperature) sampling.temperature = kDefaultTemperature;
    if (!sampling.max_tokens) sampling.max_tokens = kDefaultMaxTokens;
    auto& last = previous[m * 2 + (options.greedy_first_sample && s == 0 ? 0 : 1)];
    if (!last || !(*last == sampling)) last = std::make_shared<const SamplingParams>(std::move(sampling));
    return last;
  };
  std::vector<WorkItem> items;
  items.reserve(total);
  for (int s = 0; s < max_samples; ++s) {
    for (std::size_t p = 0; p < prompts.size(); ++p) {
      if (s >= samples[p]) continue;
      for (std::size_t m = 0; m < models.size(); ++m) {
        WorkItem item;
        item.model = static_cast<int>(m);
        item.prompt = static_cast<int>(p);
        item.sample = s;
        item.sampling = resolve(p, m, s);
        item.seed = SeedFromHashes(item.sampling->seed.value_or(0), suite_hash[p], id_hash[p], s);
        items.push_back(std::move(item));
      }
    }
  }
  return items;
}

}  // namespace kinship

namespace kinship {

int ShardOfPrompt(const std::string& suite, const std::string& prompt_id, int count) {
  if (count <= 1) return 0;
  return static_cast<int>(StableHash64(suite + "/" + prompt_id) % static_cast<std::uint64_t>(count));
}

std::vector<WorkItem> FilterPlanToShard(const std::vector<WorkItem>& plan,
                                        const std::vector<Prompt>& prompts, const Shard& shard) {
  std::vector<int> shard_of(prompts.size());
  for (std::size_t p = 0; p < prompts.size(); ++p) {
    shard_of[p] = ShardOfPrompt(prompts[p].suite, prompts[p].id, shard.count);
  }
  std::vector<WorkItem> out;
  for (const auto& item : plan) {
    if (shard_of[static_cast<std::size_t>(item.prompt)] == shard.index) out.push_back(item);
  }
  return out;
}

namespace {

std::optional<long long> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

const char* SystemGetenv(const char* name) { return std::getenv(name); }

}  // namespace

Shard ParseShard(const std::string& text, const char* (*getenv)(const char*)) {
  if (!getenv) getenv = SystemGetenv;
  const std::string usage = "expected i/N with 0 <= i < N (e.g. 0/4), auto or auto/N";
  std::string_view index_text = text;
  std::optional<long long> count;
  if (auto slash = text.find('/'); slash != std::string::npos) {
    index_text = std::string_view(text).substr(0, slash);
    count = ParseCount(std::string_view(text).substr(slash + 1));
    if (!count || *count < 1) throw ConfigError("--shard: bad count in '" + text + "'; " + usage);
  }
  std::optional<long long> index;
  if (index_text == "auto") {
    auto env = [&](const char* name) -> std::optional<long long> {
      const char* value = getenv(name);
      if (!value || !*value) return std::nullopt;
      auto parsed = ParseCount(value);
      if (!parsed) throw ConfigError(std::string("--shard auto: ") + name + "='" + value + "' is not a number");
      return parsed;
    };
    if (auto task = env("SLURM_ARRAY_TASK_ID")) {
      index = *task - env("SLURM_ARRAY_TASK_MIN").value_or(0);
      if (!count) count = env("SLURM_ARRAY_TASK_COUNT");
      if (!count) throw ConfigError("--shard auto: SLURM_ARRAY_TASK_COUNT is not set; give --shard auto/N");
    } else if (auto job = env("JOB_COMPLETION_INDEX")) {
      index = *job;
      if (!count) {
        throw ConfigError("--shard auto: Kubernetes gives no shard count; give --shard auto/N "
                          "with N = the Job's completions");
      }
    } else {
      throw ConfigError("--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set");
    }
  } else {
    index = ParseCount(index_text);
    if (!index || !count) throw ConfigError("--shard: '" + text + "': " + usage);
  }
  if (*index < 0 || *index >= *count) {
    throw ConfigError("--shard: index " + std::to_string(*index) + " is outside 0.." +
                      std::to_string(*count - 1) + " (shards are 0-based)");
  }
  return Shard{static_cast<int>(*index), static_cast<int>(*count)};
}

}  // namespace kinship
