// kinship merge DIR... --out DIR: join the run directories of a sharded run.
#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"
#include "harness/run/run_merge.h"

namespace kinship {

namespace {

int MergeMain(const ParsedFlags& flags) {
  if (flags.positionals.empty()) throw ConfigError("merge: give the shards' run directories");
  if (!flags.Has("out")) throw ConfigError("merge: --out DIR is required");
  std::vector<std::filesystem::path> inputs(flags.positionals.begin(), flags.positionals.end());
  MergeResult result = MergeRuns(inputs, flags.Value("out"));
  for (const auto& warning : result.warnings) fmt::print(stderr, "kinship: warning: {}\n", warning);
  if (!flags.Has("quiet")) {
    fmt::print(stderr, "kinship: merged {} of {} shards, {} records -> {}\n", result.shards,
               result.shard_count, result.records, result.out.string());
  }
  fmt::print("{}\n", result.out.string());
  return kExitOk;
}

}  // namespace

Command MakeMergeCommand() {
  Command command;
  command.name = "merge";
  command.summary = "join the run directories of the shards of a run";
  command.usage = "kinship merge SHARD_DIR... --out DIR";
  command.description =
      "Joins the run directories written by 'kinship run --shard i/N' into one run directory,\n"
      "equal record for record to the unsharded run. Refuses (exit 2, nothing written) when\n"
      "the manifests disagree on suites, models or sampling, when a shard appears twice or\n"
      "when an item is recorded in two shards; warns when shards are missing.";
  command.examples =
      "  kinship merge results/shard-0 results/shard-1 results/shard-2 --out results/nightly\n"
      "  kinship merge shards/* --out results/merged && kinship report results/merged\n";
  command.flags = {
      {"out", FlagKind::kValue, "DIR", "the merged run directory to create"},
      {"quiet", FlagKind::kSwitch, "", "no summary line"},
  };
  command.run = MergeMain;
  return command;
}

}  // namespace kinship
