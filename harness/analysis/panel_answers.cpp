#include "harness/analysis/panel_answers.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "harness/run/run_reader.h"

namespace kinship {

void PanelAnswers::Resize() {
  answers.assign(models.size() * prompts.size(), {});
  ok_records.assign(models.size(), 0);
  error_records.assign(models.size(), 0);
}

std::string PromptKey(const std::string& suite, const std::string& prompt_id) {
  return suite + "/" + prompt_id;
}

PanelAnswers CollectPanelAnswers(const RunData& run, AnswerSelection selection) {
  PanelAnswers panel;

  std::unordered_map<std::string, std::size_t> model_index;
  auto add_model = [&](const std::string& name) {
    if (model_index.emplace(name, panel.models.size()).second) panel.models.push_back(name);
  };
  for (const std::string& name : run.ModelNames()) add_model(name);
  std::set<std::string> record_models;
  for (const ResponseRecord& record : run.records) record_models.insert(record.model);
  for (const std::string& name : record_models) add_model(name);

  std::unordered_map<std::string, std::size_t> prompt_index;
  auto add_prompt = [&](const std::string& key) {
    if (prompt_index.emplace(key, panel.prompts.size()).second) panel.prompts.push_back(key);
  };
  for (const Prompt& prompt : run.prompts) add_prompt(PromptKey(prompt.suite, prompt.id));
  std::set<std::string> record_prompts;
  for (const ResponseRecord& record : run.records) {
    record_prompts.insert(PromptKey(record.suite, record.prompt_id));
  }
  for (const std::string& key : record_prompts) add_prompt(key);

  panel.Resize();
  // Samples are ordered by index so that sample i of A meets sample i of B predictably.
  std::map<std::pair<std::size_t, int>, const ResponseRecord*> by_sample;
  for (const ResponseRecord& record : run.records) {
    const std::size_t m = model_index.at(record.model);
    if (!record.ok()) {
      ++panel.error_records[m];
      continue;
    }
    ++panel.ok_records[m];
    const std::size_t p = prompt_index.at(PromptKey(record.suite, record.prompt_id));
    by_sample.emplace(std::make_pair(panel.AnswerIndex(m, p), record.sample), &record);
  }
  std::vector<bool> has_draw(panel.answers.size(), false);  // temperature != 0 (NaN: unknown)
  for (const auto& [key, record] : by_sample) {
    if (record->temperature != 0) has_draw[key.first] = true;
  }
  for (const auto& [key, record] : by_sample) {
    const bool greedy = record->temperature == 0;
    if (selection == AnswerSelection::kSampledDraws && greedy && has_draw[key.first]) continue;
    panel.answers[key.first].push_back(record->output);
  }
  return panel;
}

}  // namespace kinship
