// kinship derive: build a derived suite from a finished run. One kind so far,
// cross-continuation (harness/audit/cross_continuation.h): the suite `kinship audit` runs as
// its second phase, here for use with `kinship run`.
#include <fmt/core.h>

#include "harness/audit/cross_continuation.h"
#include "harness/cli/command.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/exit_code.h"
#include "harness/run/run_reader.h"

namespace kinship {

namespace {

int DeriveMain(const ParsedFlags& flags) {
  if (flags.positionals.size() != 2) {
    throw ConfigError("derive: give the kind and one RUN_DIR (kinship derive cross-continuation "
                      "RUN_DIR --out FILE.yaml)");
  }
  const std::string& kind = flags.positionals[0];
  if (kind != kCrossContinuationSuite) {
    throw ConfigError("derive: unknown kind '" + kind + "'" +
                      DidYouMean(kind, {kCrossContinuationSuite}) + " (known: " +
                      kCrossContinuationSuite + ")");
  }
  const std::filesystem::path out = flags.Value("out");
  if (out.empty() || out.extension() != ".yaml") {
    throw ConfigError(SourceLocation{}, "--out",
                      "give the suite file to write, ending in .yaml (its .jsonl dataset is "
                      "written beside it)");
  }
  CrossContinuationOptions options;
  options.source_suite = flags.Value("source-suite", options.source_suite);
  if (auto prompts = flags.Integer("prompts", 1, 1 << 20)) {
    options.max_source_prompts = static_cast<std::size_t>(*prompts);
  }
  const RunData run = ReadRun(flags.positionals[1]);
  const auto derived = DeriveCrossContinuation(run, options);
  if (derived.empty()) {
    fmt::print(stderr,
               "kinship: error: {} has no answer to a '{}' prompt long enough to cut (at least {} "
               "words); nothing written\n",
               run.dir.string(), options.source_suite, kMinTokensToCut);
    return kExitFailure;
  }
  if (!out.parent_path().empty()) std::filesystem::create_directories(out.parent_path());
  WriteCrossContinuationSuite(out, derived, run.dir.string());
  fmt::print(stderr, "kinship: {} prompts (answers cut halfway) from {}\n", derived.size(),
             run.dir.string());
  fmt::print("{}\n", out.string());
  return kExitOk;
}

}  // namespace

Command MakeDeriveCommand() {
  Command command;
  command.name = "derive";
  command.summary = "build a derived suite (cross-continuation) from a finished run";
  command.usage =
      "kinship derive cross-continuation RUN_DIR --out FILE.yaml [--source-suite NAME] "
      "[--prompts N]";
  command.description =
      "Builds the cross-continuation suite from RUN_DIR: for each prompt of the source suite\n"
      "(default chat) and each model, the model's answer (its greedy one when there is one) cut\n"
      "halfway between two words, as a prompt asking to continue it. Ids are\n"
      "<prompt id>@<model>. Writes FILE.yaml and its dataset FILE.jsonl beside it and prints\n"
      "the suite's path; run it with 'kinship run FILE.yaml --model ...' (every model continues\n"
      "every prefix, its own included). 'kinship audit' does this itself for the standard and\n"
      "full budgets.";
  command.examples =
      "  kinship derive cross-continuation results/my-audit --out suites-local/cc.yaml\n"
      "  kinship derive cross-continuation results/demo-run --source-suite demo --prompts 10 "
      "--out cc.yaml\n";
  command.flags = {
      {"out", FlagKind::kValue, "FILE.yaml", "the suite file to write"},
      {"source-suite", FlagKind::kValue, "NAME", "whose answers are cut (default chat)"},
      {"prompts", FlagKind::kValue, "N", "only the first N source prompts of the run"},
  };
  command.run = DeriveMain;
  return command;
}

}  // namespace kinship
