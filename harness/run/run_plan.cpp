#include "harness/run/run_plan.h"

#include "harness/core/hash.h"
#include "harness/run/response_record.h"

namespace kinship {

std::uint64_t ItemSeed(std::uint64_t base_seed, const std::string& suite,
                       const std::string& prompt_id, int sample) {
  std::uint64_t h = MixHash(base_seed, StableHash64(suite));
  h = MixHash(h, StableHash64(prompt_id));
  return MixHash(h, static_cast<std::uint64_t>(sample));
}

std::vector<WorkItem> BuildPlan(const std::vector<ModelConfig>& models,
                                const std::vector<Prompt>& prompts,
                                const std::vector<int>& suite_samples,
                                const PlanOptions& options) {
  std::vector<int> samples(prompts.size());
  int max_samples = 0;
  for (std::size_t p = 0; p < prompts.size(); ++p) {
    samples[p] = options.samples_override.value_or(prompts[p].samples.value_or(suite_samples[p]));
    max_samples = std::max(max_samples, samples[p]);
  }
  std::vector<WorkItem> items;
  for (int s = 0; s < max_samples; ++s) {
    for (std::size_t p = 0; p < prompts.size(); ++p) {
      if (s >= samples[p]) continue;
      for (std::size_t m = 0; m < models.size(); ++m) {
        WorkItem item;
        item.model = static_cast<int>(m);
        item.prompt = static_cast<int>(p);
        item.sample = s;
        item.sampling = prompts[p].sampling;
        item.sampling.OverrideWith(models[m].params);
        item.sampling.OverrideWith(options.overrides);
        if (!item.sampling.temperature) item.sampling.temperature = kDefaultTemperature;
        if (!item.sampling.max_tokens) item.sampling.max_tokens = kDefaultMaxTokens;
        item.seed = ItemSeed(item.sampling.seed.value_or(0), prompts[p].suite, prompts[p].id, s);
        item.key = RecordKey(models[m].name, prompts[p].suite, prompts[p].id, s);
        items.push_back(std::move(item));
      }
    }
  }
  return items;
}

}  // namespace kinship
