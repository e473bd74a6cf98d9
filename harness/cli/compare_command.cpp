// kinship compare BASELINE CURRENT: score deltas, flips and output drift between two runs,
// with CI gates (exit 100 when one fails). Sends nothing.
#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/compare/compare_gate.h"
#include "harness/compare/compare_report.h"
#include "harness/compare/compare_runs.h"
#include "harness/config/suite_loader.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"
#include "harness/core/file_io.h"
#include "harness/report/junit_report.h"
#include "harness/run/run_reader.h"
#include "harness/scoring/scorecard.h"

namespace kinship {

namespace {

int CompareMain(const ParsedFlags& flags) {
  if (flags.positionals.size() != 2) {
    throw ConfigError("compare: give BASELINE_RUN and CURRENT_RUN (see 'kinship compare --help')");
  }
  GateOptions gate = ParseGate(flags.Value("fail-on"), flags.Value("max-drop"));
  CompareOptions options;
  if (auto alpha = flags.Number("alpha", 1e-9, 0.5)) options.drift.alpha = *alpha;
  if (auto seed = flags.Integer("seed", 0, (1LL << 62))) {
    options.drift.seed = static_cast<std::uint64_t>(*seed);
    options.bootstrap.seed = static_cast<std::uint64_t>(*seed);
  }
  if (flags.Has("measure")) options.drift.measure = flags.Value("measure");

  RunData baseline = ReadRun(flags.positionals[0]);
  RunData current = ReadRun(flags.positionals[1]);
  std::vector<Suite> suites;
  for (const auto& file : flags.Values("suite")) suites.push_back(LoadSuite(ResolveSuitePath(file)));
  if (!suites.empty()) ApplySuiteAssertions(suites, &current);

  CompareResult result = CompareRuns(baseline, current, options);
  if (result.drift.empty()) {
    throw ConfigError("compare: the two runs have no model in common (baseline: " +
                      flags.positionals[0] + ", current: " + flags.positionals[1] + ")");
  }
  GateOutcome outcome = EvaluateGates(result, gate);
  if (!flags.Has("quiet")) fmt::print("{}", RenderCompareText(result, gate, outcome));
  if (flags.Has("markdown")) {
    WriteFileAtomically(flags.Value("markdown"), RenderCompareMarkdown(result, gate, outcome));
  }
  if (flags.Has("junit")) {
    WriteFileAtomically(flags.Value("junit"), RenderJUnit(CompareToJUnit(result, gate), "kinship compare"));
  }
  return outcome.failed ? kExitGateFailed : kExitOk;
}

}  // namespace

Command MakeCompareCommand() {
  Command command;
  command.name = "compare";
  command.summary = "compare two runs: score changes, flipped cases, output drift (CI gates)";
  command.usage = "kinship compare BASELINE_RUN CURRENT_RUN [--fail-on regression|drift|any] [--max-drop X]";
  command.description =
      "Aligns the two runs on (model, prompt id, sample) and reports, per model: the change in\n"
      "assertion pass rate with a 95% prompt-level bootstrap interval, McNemar's exact test on\n"
      "the cases that flipped between pass and fail (listed), and an output drift test -- do\n"
      "the current answers still come from the same distribution as the baseline's? Both runs\n"
      "are scored with the current run's assertions (or those of --suite FILE). Exit codes:\n"
      "0 gates passed (or none asked), 1 error, 2 usage, 100 a gate failed.";
  command.examples =
      "  kinship compare results/main results/pr --fail-on any --junit compare.xml\n"
      "  kinship compare baseline current --max-drop 0.05 --markdown summary.md\n"
      "  kinship compare last-week today --fail-on drift\n";
  command.flags = {
      {"fail-on", FlagKind::kValue, "GATE", "regression, drift or any: exit 100 when it fails"},
      {"max-drop", FlagKind::kValue, "X", "tolerated pass-rate drop (0..1); implies --fail-on regression"},
      {"suite", FlagKind::kList, "FILE", "score with this suite file's current assertions"},
      {"alpha", FlagKind::kValue, "P", "significance level of the drift test (default 0.01)"},
      {"measure", FlagKind::kValue, "NAME", "similarity measure of the drift test (default char-3gram-cosine)"},
      {"seed", FlagKind::kValue, "N", "seed of the bootstrap and permutation draws (default 1)"},
      {"markdown", FlagKind::kValue, "PATH", "also write the comparison as Markdown"},
      {"junit", FlagKind::kValue, "PATH", "also write the gates as JUnit XML"},
      {"quiet", FlagKind::kSwitch, "", "do not print the comparison"},
  };
  command.run = CompareMain;
  return command;
}

}  // namespace kinship
