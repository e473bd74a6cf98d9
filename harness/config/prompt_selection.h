// Part of a suite for one run: the first N prompts of one split, each asked a given number
// of times. `kinship audit` budgets (harness/audit/audit_budget.h) are made of these. The
// chosen prompts are what the run records in prompts.jsonl, so resuming needs nothing else.
// Pure function of its input; never throws.
#pragma once

#include <optional>
#include <string>

#include "harness/config/prompt.h"

namespace kinship {

struct PromptSelection {
  std::string split;            // "dev" or "test"; empty: both
  std::optional<int> limit;     // the first `limit` matching prompts in suite order; nullopt: all
  std::optional<int> samples;   // samples per prompt, replacing the suite's and the prompt's
};

// Keeps the selected prompts of `suite` (in order) and sets their sample counts.
void ApplyPromptSelection(const PromptSelection& selection, Suite* suite);

}  // namespace kinship
