#include "harness/compare/run_alignment.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace kinship {

namespace {

using ByPrompt = std::unordered_map<std::string, std::map<int, const ResponseRecord*>>;

std::string PromptKey(const std::string& suite, const std::string& id) { return suite + "\n" + id; }

std::unordered_map<std::string, ByPrompt> IndexOk(const RunData& run) {
  std::unordered_map<std::string, ByPrompt> index;
  for (const auto& record : run.records) {
    if (record.ok()) index[record.model][PromptKey(record.suite, record.prompt_id)][record.sample] = &record;
  }
  return index;
}

}  // namespace

RunAlignment AlignRuns(const RunData& baseline, const RunData& current) {
  RunAlignment out;
  std::vector<std::string> base_models = baseline.ModelNames();
  std::vector<std::string> cur_models = current.ModelNames();
  std::set<std::string> base_set(base_models.begin(), base_models.end());
  std::set<std::string> cur_set(cur_models.begin(), cur_models.end());
  for (const auto& m : base_models) {
    if (!cur_set.count(m)) out.only_baseline.push_back(m);
  }
  for (const auto& m : cur_models) {
    if (!base_set.count(m)) out.only_current.push_back(m);
  }
  std::set<std::string> base_prompts, cur_prompts;
  for (const auto& p : baseline.prompts) base_prompts.insert(PromptKey(p.suite, p.id));
  for (const auto& p : current.prompts) cur_prompts.insert(PromptKey(p.suite, p.id));
  for (const auto& k : base_prompts) out.prompts_only_baseline += cur_prompts.count(k) ? 0 : 1;
  for (const auto& k : cur_prompts) out.prompts_only_current += base_prompts.count(k) ? 0 : 1;

  auto base_index = IndexOk(baseline);
  auto cur_index = IndexOk(current);
  for (const auto& model : cur_models) {
    if (!base_set.count(model)) continue;
    ModelAlignment aligned;
    aligned.model = model;
    const ByPrompt& base_answers = base_index[model];
    const ByPrompt& cur_answers = cur_index[model];
    for (const auto& prompt : current.prompts) {
      std::string key = PromptKey(prompt.suite, prompt.id);
      auto b = base_answers.find(key);
      auto c = cur_answers.find(key);
      if (b == base_answers.end() || c == cur_answers.end()) {
        if (b != base_answers.end()) aligned.unpaired_answers += static_cast<int>(b->second.size());
        if (c != cur_answers.end()) aligned.unpaired_answers += static_cast<int>(c->second.size());
        continue;
      }
      AlignedPrompt p;
      p.prompt = &prompt;
      for (const auto& [sample, record] : b->second) p.baseline.push_back(record);
      for (const auto& [sample, record] : c->second) p.current.push_back(record);
      for (const auto& [sample, record] : b->second) {
        auto match = c->second.find(sample);
        if (match == c->second.end()) {
          ++aligned.unpaired_answers;
          continue;
        }
        p.paired_samples.push_back(sample);
        p.baseline_paired.push_back(record);
        p.current_paired.push_back(match->second);
      }
      for (const auto& [sample, record] : c->second) {
        if (!b->second.count(sample)) ++aligned.unpaired_answers;
      }
      aligned.prompts.push_back(std::move(p));
    }
    out.models.push_back(std::move(aligned));
  }
  return out;
}

}  // namespace kinship
