// kinship demo: `kinship audit` on the simulated zoo -- student-a examined against the two
// zoo teachers, with four controls, one of them student-a's own base voice -- on the quick
// budget. Needs no network and no keys (and no confirmation: sim models are free); the first
// thing a newcomer runs.
#include <fmt/core.h>

#include "harness/cli/audit_session.h"
#include "harness/cli/command.h"
#include "harness/cli/run_flags.h"

namespace kinship {

namespace {

int DemoMain(const ParsedFlags& flags) {
  AuditRequest request;
  request.suspect = "student-a";
  request.candidates = {"teacher-a", "teacher-b"};
  request.controls = {"student-b", "control", "partial-a", "base-a"};
  request.budget = "quick";
  request.yes = true;
  request.out_dir = flags.Value("out");
  if (auto seed = flags.Integer("seed", 0, 1LL << 62)) request.seed = static_cast<std::uint64_t>(*seed);
  request.execution = ExecutionFromFlags(flags);
  request.argv = flags.argv;
  if (!request.execution.quiet) {
    fmt::print(stderr,
               "kinship demo: auditing the simulated student-a against teacher-a and teacher-b, "
               "with 4 controls (no network)\n");
  }
  return RunAudit(request);
}

}  // namespace

Command MakeDemoCommand() {
  Command command;
  command.name = "demo";
  command.summary = "audit a simulated student against the simulated zoo (no network)";
  command.usage = "kinship demo [--out DIR] [--seed N] [--concurrency N] [--quiet]";
  command.description =
      "Runs 'kinship audit' on the simulated zoo with the quick budget: is student-a trained\n"
      "on teacher-a's or teacher-b's outputs, relative to the controls student-b, control,\n"
      "partial-a and base-a (student-a's own voice without a teacher)? All are real n-gram\n"
      "language models trained at start-up, the students on their teachers' sampled answers.\n"
      "No network, no keys. Prints the verdict and ends with the paths of the run, of\n"
      "provenance.json and of the HTML report.";
  command.examples =
      "  kinship demo\n"
      "  kinship demo --out /tmp/demo-run --seed 11\n";
  command.flags = {
      {"out", FlagKind::kValue, "DIR", "the audit folder (default results/<run-id>)"},
      {"seed", FlagKind::kValue, "N", "base seed of the sampling and of the statistics"},
  };
  for (auto& flag : ExecutionFlags()) command.flags.push_back(flag);
  command.run = DemoMain;
  return command;
}

}  // namespace kinship
