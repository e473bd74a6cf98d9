#include "harness/cli/run_flags.h"

#include <fmt/core.h>

#include "harness/core/exit_code.h"

namespace kinship {

std::vector<FlagSpec> PlanFlags() {
  return {
      {"out", FlagKind::kValue, "DIR", "run directory to create (default results/<run-id>)"},
      {"samples", FlagKind::kValue, "N", "samples per prompt (overrides the suites)"},
      {"seed", FlagKind::kValue, "N", "base seed (overrides the suites)"},
      {"temperature", FlagKind::kValue, "X", "sampling temperature (overrides everything)"},
      {"max-tokens", FlagKind::kValue, "N", "answer length cap in tokens (overrides everything)"},
      {"greedy-first", FlagKind::kSwitch, "",
       "sample 0 of every prompt greedy (temperature 0), the others at --temperature or 1"},
  };
}

std::vector<FlagSpec> ExecutionFlags() {
  return {
      {"concurrency", FlagKind::kValue, "N", "requests in flight at once, in all (default 8)"},
      {"deadline", FlagKind::kValue, "SECONDS", "stop starting new requests after this long"},
      {"ca-file", FlagKind::kValue, "FILE", "extra trusted CA certificates (PEM) for HTTPS"},
      {"no-cache", FlagKind::kSwitch, "", "neither read nor write the response cache"},
      {"cache", FlagKind::kValue, "FILE", "response cache file (default ~/.cache/kinship/cache.sqlite)"},
      {"verbose", FlagKind::kSwitch, "", "one line per attempt on stderr (never keys)"},
      {"quiet", FlagKind::kSwitch, "", "no progress output"},
  };
}

ExecutionSettings ExecutionFromFlags(const ParsedFlags& flags) {
  ExecutionSettings execution;
  execution.concurrency = static_cast<int>(flags.Integer("concurrency", 1, 4096).value_or(8));
  execution.deadline_s = flags.Number("deadline", 0.001, 1e7).value_or(0);
  execution.ca_file = flags.Value("ca-file");
  execution.verbose = flags.Has("verbose");
  execution.use_cache = !flags.Has("no-cache");
  execution.cache_file = flags.Value("cache");
  execution.quiet = flags.Has("quiet");
  return execution;
}

void ApplyRunFlags(const ParsedFlags& flags, RunRequest* request) {
  request->out_dir = flags.Value("out");
  if (auto samples = flags.Integer("samples", 1, 1000)) {
    request->plan.samples_override = static_cast<int>(*samples);
  }
  if (auto seed = flags.Integer("seed", 0, (1LL << 62))) {
    request->plan.overrides.seed = static_cast<std::uint64_t>(*seed);
  }
  auto temperature = flags.Number("temperature", 0.0, 2.0);
  if (flags.Has("greedy-first")) {
    // The audit's protocol: one greedy answer plus sampled ones. --temperature then sets the
    // temperature of the sampled answers only (an override would make sample 0 sampled too).
    request->plan.greedy_first_sample = true;
    request->plan.sampled_temperature = temperature.value_or(1.0);
  } else if (temperature) {
    request->plan.overrides.temperature = *temperature;
  }
  if (auto max_tokens = flags.Integer("max-tokens", 1, 1 << 20)) {
    request->plan.overrides.max_tokens = static_cast<int>(*max_tokens);
  }
  request->execution = ExecutionFromFlags(flags);
  request->argv = flags.argv;
}

void PrintRunSummary(const RunResult& result, bool quiet, const std::string& resume_hint) {
  const auto& o = result.outcome;
  if (!quiet || result.exit_code != kExitOk) {
    std::string extra;
    if (o.retries > 0) extra += fmt::format(", {} retries ({} rate-limited)", o.retries, o.rate_limited);
    if (o.not_started > 0) extra += fmt::format(", {} not started", o.not_started);
    if (o.deadline_reached) extra += " (run deadline reached)";
    fmt::print(stderr, "kinship: {} ok, {} failed{} -> {}\n", o.ok, o.errors, extra,
               result.dir.string());
  }
  if (result.exit_code != kExitOk) {
    fmt::print(stderr, "kinship: finish it with: {}\n",
               resume_hint.empty() ? "kinship run --resume " + result.dir.string() : resume_hint);
  }
}

}  // namespace kinship
