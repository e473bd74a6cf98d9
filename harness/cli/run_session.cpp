#include "harness/cli/run_session.h"

#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include <fmt/core.h>

#include "adapters/adapter_registry.h"
#include "harness/cache/response_cache.h"
#include "harness/cache/response_cache_key.h"
#include "harness/cli/interrupt.h"
#include "harness/config/suite_loader.h"
#include "harness/core/build_info.h"
#include "harness/core/clock.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"
#include "harness/core/http_codec.h"
#include "harness/net/http_client.h"
#include "harness/run/cost.h"
#include "harness/run/progress_meter.h"
#include "harness/run/run_counters.h"
#include "harness/run/run_manifest.h"
#include "harness/run/run_reader.h"
#include "harness/run/run_writer.h"

namespace kinship {

namespace {

std::vector<std::unique_ptr<Adapter>> CreateAdapters(const std::vector<ModelConfig>& models) {
  std::vector<std::unique_ptr<Adapter>> adapters;
  for (const auto& model : models) adapters.push_back(CreateAdapter(model));
  return adapters;
}

std::vector<std::string> SecretEnvNames(const std::vector<ModelConfig>& models) {
  std::vector<std::string> names;
  for (const auto& model : models) {
    if (!model.api_key_env.empty()) names.push_back(model.api_key_env);
  }
  return names;
}

std::vector<int> PromptSampleCounts(const std::vector<Prompt>& prompts) {
  std::vector<int> counts;
  for (const auto& prompt : prompts) counts.push_back(prompt.samples.value_or(1));
  return counts;
}

std::unordered_set<std::string> SucceededKeys(const std::filesystem::path& dir) {
  std::unordered_set<std::string> keys;
  ForEachRecord(dir, [&](ResponseRecord&& record) {
    if (record.ok()) keys.insert(RecordKey(record));
  });
  return keys;
}

bool NeedsHttp(const std::vector<std::unique_ptr<Adapter>>& adapters) {
  for (const auto& adapter : adapters) {
    if (dynamic_cast<const HttpAdapter*>(adapter.get())) return true;
  }
  return false;
}

// Runs `items` (already filtered) and brings the manifest up to date.
RunResult Execute(const std::filesystem::path& dir, RunManifest manifest,
                  const std::vector<Prompt>& prompts, std::vector<WorkItem> items,
                  std::vector<std::unique_ptr<Adapter>> adapters,
                  const ExecutionSettings& execution) {
  RunWriter writer(dir);
  if (writer.repaired_bytes() > 0 && !execution.quiet) {
    fmt::print(stderr, "kinship: cut a torn last line ({} bytes) from {}/responses.jsonl\n",
               writer.repaired_bytes(), dir.string());
  }
  std::vector<Adapter*> raw;
  for (auto& adapter : adapters) raw.push_back(adapter.get());

  std::unique_ptr<HttpClient> http;
  if (NeedsHttp(adapters)) {
    HttpClientOptions http_options;
    http_options.ca_file = execution.ca_file;
    http = std::make_unique<HttpClient>(http_options);
  }

  ProgressMeter progress(static_cast<int>(items.size()),
                         DetectProgressMode(stderr, execution.quiet || execution.verbose));
  RunnerOptions options;
  options.concurrency = execution.concurrency;
  options.stop = &InstallInterruptHandler();
  options.http = http.get();
  if (execution.deadline_s > 0) {
    options.run_deadline = std::chrono::steady_clock::now() +
                           std::chrono::milliseconds(static_cast<long long>(execution.deadline_s * 1000));
  }
  // A new run's counters are summed as records are written; a resumed one (the file
  // already holds records) is recounted from disk at the end (run_counters.h).
  RecordTally tally;
  const bool count_as_written = writer.started_empty();
  options.on_record = [&](const ResponseRecord& record) {
    progress.ItemDone(record.ok());
    if (count_as_written) tally.Add(record);
  };
  options.on_retry = [&](bool rate_limited) { progress.AddRetries(1, rate_limited ? 1 : 0); };
  if (execution.verbose) {
    options.log = [](const std::string& line) { fmt::print(stderr, "kinship: {}\n", line); };
  }

  // The cache serves only adapters registered as cacheable (remote backends).
  std::unique_ptr<ResponseCache> cache;
  bool any_cacheable = false;
  for (const auto& model : manifest.models) any_cacheable |= FindAdapter(model.adapter).cacheable;
  if (execution.use_cache && any_cacheable) {
    auto file = execution.cache_file.empty() ? DefaultCachePath() : execution.cache_file;
    cache = ResponseCache::Open(file);
    options.cache_lookup = [&](const ModelConfig& model, const ModelRequest& request)
        -> std::optional<Completion> {
      if (!FindAdapter(model.adapter).cacheable) return std::nullopt;
      return cache->Lookup(ResponseCacheKey(model, request));
    };
    options.cache_store = [&](const ModelConfig& model, const ModelRequest& request,
                              const Completion& completion) {
      if (FindAdapter(model.adapter).cacheable) {
        cache->Store(ResponseCacheKey(model, request), model, completion);
      }
    };
  }

  RunResult result;
  result.dir = dir;
  try {
    result.outcome = ExecutePlan(items, prompts, manifest.models, raw, writer, options);
  } catch (...) {
    progress.Finish();
    manifest.status = "incomplete";
    manifest.finished_at = UtcNowIso8601();
    RecountFromDisk(dir, &manifest);
    WriteManifest(dir, manifest);
    throw;
  }
  progress.Finish();
  writer.Sync();
  // The plan is done with: free it before a recount builds its own per-item table, so the
  // two never peak together (about half the peak RSS of a 100,000-request resume).
  std::vector<WorkItem>().swap(items);

  if (count_as_written) {
    tally.ApplyTo(&manifest);
  } else {
    RecountFromDisk(dir, &manifest);
  }
  manifest.finished_at = UtcNowIso8601();
  if (result.outcome.interrupted) {
    manifest.status = "interrupted";
    result.exit_code = kExitInterrupted;
  } else if (result.outcome.errors > 0 || result.outcome.not_started > 0) {
    manifest.status = "incomplete";
    result.exit_code = kExitFailure;
  } else {
    manifest.status = "complete";
    result.exit_code = kExitOk;
  }
  WriteManifest(dir, manifest);
  return result;
}

std::filesystem::path ChooseRunDir(const std::filesystem::path& requested, const std::string& tag) {
  if (!requested.empty()) {
    if (std::filesystem::exists(requested / "manifest.json")) {
      throw ConfigError("--out: " + requested.string() +
                        " already holds a run; finish it with 'kinship run --resume " +
                        requested.string() + "' or choose another folder");
    }
    return requested;
  }
  std::filesystem::path base = std::filesystem::path("results") / NewRunId(tag);
  std::filesystem::path dir = base;
  for (int n = 2; std::filesystem::exists(dir); ++n) dir = base.string() + "-" + std::to_string(n);
  return dir;
}

}  // namespace

RunResult StartRun(const RunRequest& request) {
  if (request.suites.empty()) throw ConfigError("no suites: give at least one SUITE (e.g. demo)");
  // 1. Load and validate everything before anything is sent.
  std::vector<Suite> suites;
  std::set<std::string> suite_names;
  for (const auto& name : request.suites) {
    Suite suite = LoadSuite(ResolveSuitePath(name));
    if (!suite_names.insert(suite.name).second) {
      throw ConfigError(suite.path + ": a suite named '" + suite.name + "' is already in this run");
    }
    suites.push_back(std::move(suite));
  }
  auto adapters = CreateAdapters(request.models);

  std::vector<Prompt> prompts;
  RunManifest manifest;
  for (auto& suite : suites) {
    manifest.suites.push_back({suite.name, suite.version, suite.path, suite.content_hash,
                               static_cast<int>(suite.prompts.size())});
    for (auto& prompt : suite.prompts) {
      if (!prompt.samples) prompt.samples = suite.samples;
      prompts.push_back(std::move(prompt));
    }
  }
  auto items = BuildPlan(request.models, prompts, PromptSampleCounts(prompts), request.plan);
  if (request.shard) items = FilterPlanToShard(items, prompts, *request.shard);
  if (request.dry_run) {
    fmt::print("{}", FormatBudget(PlanBudget(request.models, prompts, items)));
    fmt::print("dry run: nothing was sent and no run directory was created\n");
    return RunResult{};
  }

  // 2. Create the run directory and its manifest.
  std::string tag = suites.size() == 1 ? suites[0].name : "multi";
  std::filesystem::path dir = ChooseRunDir(request.out_dir, tag);
  std::filesystem::create_directories(dir);
  manifest.run_id = dir.filename().string();
  manifest.tool_version = std::string(ToolVersion());
  manifest.git_hash = std::string(GitHash());
  manifest.argv = RedactArgv(request.argv, SecretEnvNames(request.models));
  manifest.models = request.models;
  manifest.sampling_overrides = request.plan.overrides;
  manifest.samples_override = request.plan.samples_override;
  manifest.seed_from_flag = request.plan.overrides.seed.has_value();
  manifest.seed = request.plan.overrides.seed.value_or(0);
  manifest.planned = static_cast<int>(items.size());
  manifest.shard = request.shard;
  manifest.started_at = UtcNowIso8601();
  WritePrompts(dir, prompts);
  WriteManifest(dir, manifest);

  return Execute(dir, std::move(manifest), prompts, std::move(items), std::move(adapters),
                 request.execution);
}

RunResult ResumeRun(const std::filesystem::path& dir, const ExecutionSettings& execution) {
  RunManifest manifest = ReadManifest(dir);
  std::vector<Prompt> prompts = ReadPrompts(dir);
  if (prompts.empty()) {
    throw ConfigError(dir.string() + ": prompts.jsonl is missing or empty; cannot resume");
  }
  auto adapters = CreateAdapters(manifest.models);
  PlanOptions plan;
  plan.overrides = manifest.sampling_overrides;
  plan.samples_override = manifest.samples_override;
  auto all = BuildPlan(manifest.models, prompts, PromptSampleCounts(prompts), plan);
  if (manifest.shard) all = FilterPlanToShard(all, prompts, *manifest.shard);
  auto done = SucceededKeys(dir);
  std::vector<WorkItem> remaining;
  for (auto& item : all) {
    if (!done.count(item.key)) remaining.push_back(std::move(item));
  }
  if (!execution.quiet) {
    fmt::print(stderr, "kinship: resuming {}: {} of {} items left\n", dir.string(),
               remaining.size(), all.size());
  }
  manifest.status = "running";
  manifest.resumed_at.push_back(UtcNowIso8601());
  WriteManifest(dir, manifest);
  std::vector<WorkItem>().swap(all);  // only `remaining` is needed from here on
  done = {};
  return Execute(dir, std::move(manifest), prompts, std::move(remaining), std::move(adapters),
                 execution);
}

}  // namespace kinship
