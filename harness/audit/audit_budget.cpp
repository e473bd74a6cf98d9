#include "harness/audit/audit_budget.h"

#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"

namespace kinship {

const std::vector<AuditBudget>& AuditBudgets() {
  // quick is sized for CI: the simulated zoo audit end to end in a few seconds.
  static const std::vector<AuditBudget> budgets = {
      {"quick",
       "a screen, sized to run the simulated zoo in seconds",
       {{"chat", 30, 2},
        {"identity", 12, 2},
        {"answer-keyed", 24, 0},
        {"continuation", 36, 0},
        {"refusal", 10, 2}},
       0},
      {"standard",
       "the default audit, with a cross-continuation phase",
       {{"chat", 100, 5},
        {"plain", 50, 2},
        {"identity", 40, 2},
        {"answer-keyed", 150, 0},
        {"continuation", 250, 0},
        {"refusal", 35, 2}},
       20},
      {"full",
       "every test prompt of every suite, with a cross-continuation phase",
       {{"chat", 217, 10},
        {"plain", 107, 5},
        {"identity", 65, 3},
        {"answer-keyed", 211, 0},
        {"continuation", 351, 0},
        {"refusal", 47, 5}},
       50},
  };
  return budgets;
}

int PhaseOneRequestsPerModel(const AuditBudget& budget) {
  int requests = 0;
  for (const auto& suite : budget.suites) requests += suite.prompts * (1 + suite.sampled);
  return requests;
}

const AuditBudget& AuditBudgetByName(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& budget : AuditBudgets()) {
    if (budget.name == name) return budget;
    names.push_back(budget.name);
  }
  throw ConfigError(SourceLocation{}, "--budget",
                    "unknown budget '" + std::string(name) + "'" +
                        DidYouMean(std::string(name), names) + " (quick, standard or full)");
}

}  // namespace kinship
