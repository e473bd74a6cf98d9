#include "harness/cli/run_flags.h"

#include <fmt/core.h>

#include "harness/core/exit_code.h"

namespace kinship {

std::vector<FlagSpec> CommonRunFlags() {
  return {
      {"out", FlagKind::kValue, "DIR", "run directory to create (default results/<run-id>)"},
      {"samples", FlagKind::kValue, "N", "samples per prompt (overrides the suites)"},
      {"seed", FlagKind::kValue, "N", "base seed (overrides the suites)"},
      {"temperature", FlagKind::kValue, "X", "sampling temperature (overrides everything)"},
      {"max-tokens", FlagKind::kValue, "N", "answer length cap in tokens (overrides everything)"},
      {"concurrency", FlagKind::kValue, "N", "requests in flight at once, in all (default 8)"},
      {"quiet", FlagKind::kSwitch, "", "no progress output"},
  };
}

void ApplyCommonRunFlags(const ParsedFlags& flags, RunRequest* request) {
  request->out_dir = flags.Value("out");
  if (auto samples = flags.Integer("samples", 1, 1000)) {
    request->plan.samples_override = static_cast<int>(*samples);
  }
  if (auto seed = flags.Integer("seed", 0, (1LL << 62))) {
    request->plan.overrides.seed = static_cast<std::uint64_t>(*seed);
  }
  if (auto temperature = flags.Number("temperature", 0.0, 2.0)) {
    request->plan.overrides.temperature = *temperature;
  }
  if (auto max_tokens = flags.Integer("max-tokens", 1, 1 << 20)) {
    request->plan.overrides.max_tokens = static_cast<int>(*max_tokens);
  }
  request->concurrency = static_cast<int>(flags.Integer("concurrency", 1, 4096).value_or(8));
  request->quiet = flags.Has("quiet");
  request->argv = flags.argv;
}

void PrintRunSummary(const RunResult& result, bool quiet) {
  const auto& o = result.outcome;
  if (!quiet || result.exit_code != kExitOk) {
    fmt::print(stderr, "kinship: {} ok, {} failed{} -> {}\n", o.ok, o.errors,
               o.not_started > 0 ? fmt::format(", {} not started", o.not_started) : "",
               result.dir.string());
  }
  if (result.exit_code != kExitOk) {
    fmt::print(stderr, "kinship: finish it with: kinship run --resume {}\n", result.dir.string());
  }
}

}  // namespace kinship
