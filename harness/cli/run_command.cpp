// kinship run: ask every model every prompt of the suites and record the answers.
#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/cli/model_resolver.h"
#include "harness/cli/run_flags.h"
#include "harness/core/config_error.h"
#include "harness/core/file_io.h"
#include "harness/core/malloc_tuning.h"
#include "harness/run/run_plan.h"
#include "harness/run/run_reader.h"
#include "harness/scoring/scorecard.h"

namespace kinship {

namespace {

// --junit PATH: the run's assertion results as JUnit XML (scored as `report` scores them).
// The exit code stays the run's: assertion gates belong to `report --min-pass-rate`.
int WithJUnit(const ParsedFlags& flags, const RunResult& result) {
  if (!flags.Has("junit") || result.dir.empty()) return result.exit_code;
  Scorecard card = ScoreRun(ReadRun(result.dir));
  WriteFileAtomically(flags.Value("junit"), RenderJUnit(ScorecardToJUnit(card), "kinship run"));
  return result.exit_code;
}

int RunMain(const ParsedFlags& flags) {
  TuneMallocForRun();  // before the transport's thread exists (malloc_tuning.h says why)
  if (flags.Has("resume")) {
    for (const char* conflicting : {"model", "models", "out", "samples", "seed", "temperature",
                                    "max-tokens", "shard"}) {
      if (flags.Has(conflicting)) {
        throw ConfigError(fmt::format(
            "--resume takes its settings from the run's manifest; drop --{}", conflicting));
      }
    }
    if (!flags.positionals.empty()) {
      throw ConfigError("--resume takes no SUITE arguments (the run's prompts are in its folder)");
    }
    if (flags.Has("dry-run")) throw ConfigError("--dry-run plans a new run; it does not go with --resume");
    ExecutionSettings execution = ExecutionFromFlags(flags);
    RunResult result = ResumeRun(flags.Value("resume"), execution);
    PrintRunSummary(result, execution.quiet);
    fmt::print("{}\n", result.dir.string());
    return WithJUnit(flags, result);
  }
  RunRequest request;
  request.suites = flags.positionals;
  request.models = ResolveModels(flags.Values("model"), flags.Value("models"));
  ApplyRunFlags(flags, &request);
  request.dry_run = flags.Has("dry-run");
  if (flags.Has("shard")) request.shard = ParseShard(flags.Value("shard"));
  RunResult result = StartRun(request);
  if (request.dry_run) return result.exit_code;
  PrintRunSummary(result, request.execution.quiet);
  fmt::print("{}\n", result.dir.string());
  return WithJUnit(flags, result);
}

}  // namespace

Command MakeRunCommand() {
  Command command;
  command.name = "run";
  command.summary = "run suites against models and record every answer";
  command.usage =
      "kinship run SUITE... --model NAME [--model NAME ...] [--models FILE] [options]\n"
      "       kinship run --resume DIR";
  command.description =
      "Sends every prompt of each SUITE (a built-in suite name or a path to a suite file) to\n"
      "every model, SAMPLES times, and appends one record per answer to DIR/responses.jsonl\n"
      "as it completes. Prints the run directory on stdout. Ctrl-C stops cleanly (exit 130);\n"
      "'--resume DIR' later runs only what is missing or failed. A model NAME is an entry of\n"
      "--models FILE, a built-in simulated model ('kinship list models'), or ADAPTER:MODEL.";
  command.examples =
      "  kinship run demo --model teacher-a --model student-a --model control\n"
      "  kinship run suites/demo.yaml --models models.yaml --model gpt-4o --samples 3 --seed 1\n"
      "  kinship run demo --models models.yaml --out results/nightly --concurrency 16\n"
      "  kinship run chat --models models.yaml --dry-run\n"
      "  kinship run --resume results/nightly\n"
      "  kinship run demo --models models.yaml --shard 2/8 --out results/shard-2\n";
  command.flags = {
      {"model", FlagKind::kList, "NAME", "a model of the panel (repeatable)"},
      {"models", FlagKind::kValue, "FILE", "models file (YAML); without --model, all of it"},
      {"resume", FlagKind::kValue, "DIR", "finish an interrupted or partly failed run"},
      {"dry-run", FlagKind::kSwitch, "", "print the request count and cost bound; send nothing"},
      {"shard", FlagKind::kValue, "I/N",
       "run only slice I of N (0-based; by prompt); 'auto' reads SLURM_ARRAY_TASK_ID/COUNT, "
       "'auto/N' JOB_COMPLETION_INDEX"},
      {"junit", FlagKind::kValue, "PATH", "also write the assertion results as JUnit XML"},
  };
  for (auto& flag : PlanFlags()) command.flags.push_back(flag);
  for (auto& flag : ExecutionFlags()) command.flags.push_back(flag);
  command.run = RunMain;
  return command;
}

}  // namespace kinship
