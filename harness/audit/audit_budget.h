// The budgets of `kinship audit` (research §4.1, "Budgets"): which built-in suites an audit
// asks, how many prompts of each -- the first N of the suite's test split, in file order --
// and k, the answers sampled at temperature 1 beside each prompt's one greedy answer. Plus
// how many `chat` prompts seed the second phase, the derived cross-continuation suite.
// Static data, shown in README.md ("Audit a model"); a test keeps the two in step.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kinship {

struct AuditSuiteBudget {
  std::string suite;  // a built-in suite name
  int prompts = 0;    // the first `prompts` test-split prompts (fewer when the split is smaller)
  int sampled = 0;    // k: answers at temperature 1 per prompt, beside the greedy one
};

struct AuditBudget {
  std::string name;                      // quick | standard | full
  std::string summary;                   // one line for --help
  std::vector<AuditSuiteBudget> suites;  // phase 1
  // Phase 2: the first N `chat` prompts of phase 1 whose answers every model continues
  // (cross_continuation.h); 0: no second phase.
  int cross_continuation_prompts = 0;
};

// In order: quick, standard, full.
const std::vector<AuditBudget>& AuditBudgets();

// Phase 1 requests per model: the sum over suites of prompts x (1 + sampled), counting
// every budgeted prompt (a suite whose test split is smaller gives fewer).
int PhaseOneRequestsPerModel(const AuditBudget& budget);

// Throws ConfigError ("--budget: unknown budget 'quik'; did you mean 'quick'?").
const AuditBudget& AuditBudgetByName(std::string_view name);

}  // namespace kinship
