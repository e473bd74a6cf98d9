#include "harness/audit/audit_budget.h"

#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "harness/config/suite_loader.h"
#include "harness/core/config_error.h"
#include "harness/core/file_io.h"

namespace kinship {
namespace {

int TestPrompts(const std::string& suite) {
  int count = 0;
  for (const auto& prompt : LoadSuite(ResolveSuitePath(suite)).prompts) count += prompt.split == "test";
  return count;
}

TEST_CASE("The budgets grow from quick to full and ask only built-in suites' test prompts",
          "[audit_budget]") {
  const auto& budgets = AuditBudgets();
  REQUIRE(budgets.size() == 3);
  CHECK(budgets[0].name == "quick");
  CHECK(budgets[1].name == "standard");
  CHECK(budgets[2].name == "full");
  CHECK(PhaseOneRequestsPerModel(budgets[0]) < PhaseOneRequestsPerModel(budgets[1]));
  CHECK(PhaseOneRequestsPerModel(budgets[1]) < PhaseOneRequestsPerModel(budgets[2]));
  CHECK(budgets[0].cross_continuation_prompts == 0);
  for (const auto& budget : budgets) {
    std::set<std::string> seen;
    for (const auto& suite : budget.suites) {
      INFO(budget.name << " " << suite.suite);
      CHECK(seen.insert(suite.suite).second);
      CHECK(suite.prompts > 0);
      CHECK(suite.prompts <= TestPrompts(suite.suite));
      CHECK(suite.sampled >= 0);
    }
    // Cross-continuation is cut from chat answers of the first phase.
    if (budget.cross_continuation_prompts > 0) {
      CHECK(seen.count("chat") == 1);
    }
  }
  // full asks every test prompt of every built-in probe suite.
  for (const auto& suite : budgets[2].suites) CHECK(suite.prompts == TestPrompts(suite.suite));
}

TEST_CASE("An unknown budget is a usage error with a suggestion", "[audit_budget]") {
  CHECK(AuditBudgetByName("standard").name == "standard");
  CHECK_THROWS_WITH(AuditBudgetByName("quik"), Catch::Contains("did you mean 'quick'?"));
  CHECK_THROWS_AS(AuditBudgetByName("huge"), ConfigError);
}

TEST_CASE("README's budget table shows the compiled-in budgets", "[audit_budget]") {
  const std::string readme = ReadFileOrThrow(std::string(KINSHIP_SOURCE_DIR) + "/README.md");
  for (const auto& budget : AuditBudgets()) {
    for (const auto& suite : budget.suites) {
      // One row per suite: "| `chat` | 30 × (1 + 2) | 100 × (1 + 5) | 217 × (1 + 10) |".
      INFO(budget.name << " " << suite.suite);
      const std::string cell = std::to_string(suite.prompts) + " × (1 + " +
                               std::to_string(suite.sampled) + ")";
      const auto row = readme.find("| `" + suite.suite + "` |");
      REQUIRE(row != std::string::npos);
      const auto line = readme.substr(row, readme.find('\n', row) - row);
      CHECK(line.find(cell) != std::string::npos);
    }
    INFO(budget.name);
    CHECK(readme.find(std::to_string(PhaseOneRequestsPerModel(budget))) != std::string::npos);
  }
}

// The cells of the README table row that starts with `label` (columns: quick, standard, full).
std::vector<std::string> BudgetRowCells(const std::string& readme, const std::string& label) {
  const auto row = readme.find("| " + label + " |");
  if (row == std::string::npos) return {};
  std::string line = readme.substr(row, readme.find('\n', row) - row);
  std::vector<std::string> cells;
  // From the bar after the label, each cell up to the next bar.
  for (std::size_t at = line.find('|', 1); at != std::string::npos;) {
    std::size_t next = line.find('|', at + 1);
    if (next == std::string::npos) break;
    cells.push_back(line.substr(at + 1, next - at - 1));
    at = next;
  }
  return cells;
}

TEST_CASE("README's second-phase rows show the compiled-in cross-continuation sizes",
          "[audit_budget]") {
  const std::string readme = ReadFileOrThrow(std::string(KINSHIP_SOURCE_DIR) + "/README.md");
  const auto sources = BudgetRowCells(readme, "`cross-continuation` (phase 2)");
  const auto requests = BudgetRowCells(readme, "phase 2 requests per model, *M* models");
  REQUIRE(sources.size() == 3);
  REQUIRE(requests.size() == 3);
  for (std::size_t b = 0; b < AuditBudgets().size(); ++b) {
    const AuditBudget& budget = AuditBudgets()[b];
    INFO(budget.name);
    if (budget.cross_continuation_prompts == 0) {
      CHECK(sources[b].find("—") != std::string::npos);
      CHECK(requests[b].find("—") != std::string::npos);
    } else {
      const std::string n = std::to_string(budget.cross_continuation_prompts);
      CHECK(sources[b].find("first " + n) != std::string::npos);
      CHECK(requests[b].find(n + " × *M*") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace kinship
