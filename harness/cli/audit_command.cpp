// kinship audit: the whole distillation-audit protocol in one command (audit_session.h).
#include <fmt/core.h>

#include "harness/audit/audit_budget.h"
#include "harness/cli/audit_session.h"
#include "harness/cli/command.h"
#include "harness/cli/run_flags.h"
#include "harness/core/config_error.h"

namespace kinship {

namespace {

int AuditMain(const ParsedFlags& flags) {
  AuditRequest request;
  request.suspect = flags.Value("suspect");
  request.candidates = flags.Values("candidate");
  request.controls = flags.Values("control");
  request.models_file = flags.Value("models");
  request.budget = flags.Value("budget", "standard");
  request.out_dir = flags.Value("out");
  request.yes = flags.Has("yes");
  request.dry_run = flags.Has("dry-run");
  request.confirm_above_usd = flags.Number("confirm-above", 0, 1e9).value_or(request.confirm_above_usd);
  request.confirm_above_requests =
      flags.Integer("confirm-requests", 0, 1LL << 40).value_or(request.confirm_above_requests);
  if (auto seed = flags.Integer("seed", 0, 1LL << 62)) request.seed = static_cast<std::uint64_t>(*seed);
  if (!flags.positionals.empty()) {
    throw ConfigError("audit takes no positional arguments (got '" + flags.positionals[0] +
                      "'); the suites come from --budget");
  }
  request.execution = ExecutionFromFlags(flags);
  request.argv = flags.argv;
  return RunAudit(request);
}

// One line per budget: its name, phase-1 requests per model and whether it has phase 2.
std::string BudgetHelp() {
  std::string out;
  for (const auto& budget : AuditBudgets()) {
    out += fmt::format("\n  {:<9} {:>5} requests per model{}", budget.name,
                       PhaseOneRequestsPerModel(budget),
                       budget.cross_continuation_prompts > 0
                           ? fmt::format(", then cross-continuation of each model's first {} chat answers",
                                         budget.cross_continuation_prompts)
                           : "");
  }
  return out;
}

}  // namespace

Command MakeAuditCommand() {
  Command command;
  command.name = "audit";
  command.summary = "audit a suspect model for distillation: probe suites, analysis, HTML report";
  command.usage =
      "kinship audit --suspect S --candidate T [--candidate T2 ...] [--control C ...]\n"
      "                     [--models FILE] [--budget quick|standard|full] [--out DIR] [--yes]\n"
      "                     [--dry-run] [--concurrency N] [--seed N] [--quiet]";
  command.description =
      "Runs the distillation-audit protocol end to end: the built-in probe suites (identity,\n"
      "chat, plain, answer-keyed, continuation, refusal; how many prompts depends on --budget)\n"
      "with one greedy answer plus k answers at temperature 1 per prompt, for the suspect, the\n"
      "candidate teachers and the controls; for the standard and full budgets a second phase,\n"
      "the derived cross-continuation suite; then the provenance analysis. Writes the run,\n"
      "DIR/provenance.json and DIR/report.html, and prints the verdict. Before sending anything\n"
      "it prints the request count and the cost bound, and asks for confirmation above the\n"
      "thresholds (or refuses when it cannot ask) unless --yes. Warns when the panel has fewer\n"
      "than 4 controls or none from the suspect's family (models-file key 'family'). Run the\n"
      "same command with the same --out to continue an interrupted audit.\n"
      "Budgets (README.md, 'Audit a model'):" + BudgetHelp();
  command.examples =
      "  kinship audit --suspect student-a --candidate teacher-a --control teacher-b \\\n"
      "      --control student-b --control control --control base-a --budget quick --yes\n"
      "  kinship audit --models models.yaml --suspect my-model --candidate gpt-4o \\\n"
      "      --control llama-70b --control qwen-72b --control mistral-large \\\n"
      "      --control my-model-base --out results/audit-my-model --dry-run\n";
  command.flags = {
      {"suspect", FlagKind::kValue, "S", "the model examined"},
      {"candidate", FlagKind::kList, "T", "candidate teacher (repeatable; at least one)"},
      {"control", FlagKind::kList, "C", "control model (repeatable; 4 or more recommended)"},
      {"models", FlagKind::kValue, "FILE", "models file (YAML) the names are looked up in"},
      {"budget", FlagKind::kValue, "NAME", "quick, standard (default) or full"},
      {"out", FlagKind::kValue, "DIR",
       "the audit folder (default results/<run-id>); an existing audit there is continued"},
      {"yes", FlagKind::kSwitch, "", "go ahead without asking, whatever the cost bound"},
      {"dry-run", FlagKind::kSwitch, "", "print the request count and cost bound; send nothing"},
      {"confirm-above", FlagKind::kValue, "USD", "ask first when the cost bound is above this (default 5)"},
      {"confirm-requests", FlagKind::kValue, "N",
       "ask first when more requests than this go to real backends (default 10000)"},
      {"seed", FlagKind::kValue, "N", "base seed of the sampling and of the statistics"},
  };
  for (auto& flag : ExecutionFlags()) command.flags.push_back(flag);
  command.run = AuditMain;
  return command;
}

}  // namespace kinship
