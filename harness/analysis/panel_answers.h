// PanelAnswers: the ok answers of a run arranged by model and prompt, the input of the panel
// analysis. Plain data that owns copies of the answer texts, so it outlives the RunData it
// came from. Built by CollectPanelAnswers; tests may also fill it directly.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kinship {

struct RunData;

struct PanelAnswers {
  std::vector<std::string> models;   // panel order
  std::vector<std::string> prompts;  // "suite/prompt_id", plan order
  // answers[AnswerIndex(m, p)]: model m's ok outputs for prompt p, in sample order.
  std::vector<std::vector<std::string>> answers;
  std::vector<int> ok_records;     // per model
  std::vector<int> error_records;  // per model: status != "ok", excluded from the analysis

  std::size_t AnswerIndex(std::size_t model, std::size_t prompt) const {
    return model * prompts.size() + prompt;
  }
  // Sizes `answers`, ok_records and error_records to the current models and prompts.
  void Resize();
};

// "suite/prompt_id": how prompts are named across the analysis and the reports.
std::string PromptKey(const std::string& suite, const std::string& prompt_id);

// Which answers of a (model, prompt) CollectPanelAnswers keeps.
enum class AnswerSelection {
  kAll,  // every ok answer (signals such as greedy agreement need the greedy one)
  // The draws from the sampling distribution: a temperature-0 answer is left out when the
  // same model has sampled answers (temperature above 0, or unknown) for the prompt, as the
  // audit protocol's greedy sample 0 has. Similarities between draws then mean one thing:
  // self-similarity is draw against draw, not the greedy answer against the draws.
  kSampledDraws,
};

// Arranges the records of a run. Models come in manifest order when the manifest lists them
// ("models": [{"name": ...}] or ["name", ...]), otherwise sorted by name, and any model seen
// only in records is appended; prompts in plan order (run.prompts), then prompts seen only in
// records, sorted. Never throws on odd input: unknown layouts fall back as described.
// ok_records and error_records count every record, whatever `selection` keeps.
PanelAnswers CollectPanelAnswers(const RunData& run,
                                 AnswerSelection selection = AnswerSelection::kAll);

}  // namespace kinship
