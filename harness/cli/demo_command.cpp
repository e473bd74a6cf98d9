// kinship demo: the built-in demo suite against the simulated zoo, then the report.
// Needs no network and no keys; the first thing a newcomer runs.
#include <cstdlib>
#include <unistd.h>

#include <fmt/core.h>

#include "adapters/builtin_models.h"
#include "harness/cli/command.h"
#include "harness/cli/model_resolver.h"
#include "harness/cli/report_session.h"
#include "harness/cli/run_flags.h"
#include "harness/core/exit_code.h"

namespace kinship {

namespace {

int DemoMain(const ParsedFlags& flags) {
  RunRequest request;
  request.suites = {"demo"};
  std::vector<std::string> names;
  for (const auto& model : BuiltinModels()) names.push_back(model.name);
  request.models = ResolveModels(names, "");
  ApplyRunFlags(flags, &request);
  if (!request.execution.quiet) {
    fmt::print(stderr, "kinship demo: the demo suite against {} simulated models (no network)\n",
               names.size());
  }
  RunResult run = StartRun(request);
  if (run.exit_code != kExitOk) {
    PrintRunSummary(run, request.execution.quiet);
    return run.exit_code;
  }
  ReportRequest report;
  report.run_dir = run.dir;
  report.formats = {"terminal", "markdown"};
  report.color = ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  ReportResult result = MakeReports(report);
  if (!request.execution.quiet) fmt::print("{}\n", result.terminal);
  fmt::print("Run:    {}\n", run.dir.string());
  for (const auto& file : result.files) fmt::print("Report: {}\n", file.string());
  return kExitOk;
}

}  // namespace

Command MakeDemoCommand() {
  Command command;
  command.name = "demo";
  command.summary = "run the demo suite on the built-in simulated models and report";
  command.usage = "kinship demo [--out DIR] [--samples N] [--seed N] [--quiet]";
  command.description =
      "Runs the built-in 'demo' suite against the simulated zoo -- two independent teachers,\n"
      "a student of each, a partial-mix student and an independent control, all real n-gram\n"
      "language models trained at start-up, the students on their teachers' sampled answers --\n"
      "then analyses the run and writes the report. No network, no keys. Ends with the paths\n"
      "of the run and of the report.";
  command.examples =
      "  kinship demo\n"
      "  kinship demo --out /tmp/demo-run --samples 3 --seed 11\n";
  command.flags = PlanFlags();
  for (auto& flag : ExecutionFlags()) command.flags.push_back(flag);
  command.run = DemoMain;
  return command;
}

}  // namespace kinship
