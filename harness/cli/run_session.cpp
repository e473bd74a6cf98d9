#include "harness/cli/run_session.h"

#include <future>
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
#include "harness/core/deferred_sync.h"
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

// The client for the HTTP adapters, or null when none needs one. Opened before the run
// folder is touched, so that what opening it refuses (an unreadable --ca-file,
// KINSHIP_TRANSPORT=io_uring where io_uring is unavailable) leaves nothing behind.
std::unique_ptr<HttpClient> OpenHttpClient(const std::vector<std::unique_ptr<Adapter>>& adapters,
                                           const ExecutionSettings& execution) {
  if (!NeedsHttp(adapters)) return nullptr;
  HttpClientOptions http_options;
  http_options.ca_file = execution.ca_file;
  return std::make_unique<HttpClient>(http_options);
}

// Runs `items` (already filtered) and brings the manifest up to date.
// `setup_sync` (may be null) is still making the run folder's first files durable; it is
// waited for before the manifest can say the run is finished.
// `http` is the client for the HTTP adapters (null when none needs one).
RunResult Execute(const std::filesystem::path& dir, RunManifest manifest,
                  const std::vector<Prompt>& prompts, std::vector<WorkItem> items,
                  std::vector<std::unique_ptr<Adapter>> adapters, std::unique_ptr<HttpClient> http,
                  const ExecutionSettings& execution, std::unique_ptr<DeferredSync> setup_sync) {
  RunWriter writer(dir);
  if (writer.repaired_bytes() > 0 && !execution.quiet) {
    fmt::print(stderr, "kinship: cut a torn last line ({} bytes) from {}/responses.jsonl\n",
               writer.repaired_bytes(), dir.string());
  }
  std::vector<Adapter*> raw;
  for (auto& adapter : adapters) raw.push_back(adapter.get());

  if (http && execution.verbose) fmt::print(stderr, "kinship: HTTP transport: {}\n", http->transport());

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
  // The network and the disk are independent: the connections close (on loopback, 256 of
  // them keep a thread busy for ~10 ms) while responses.jsonl is flushed and the manifest
  // written (the fsyncs wait ~10 ms for the disk). Overlapped, the end of a 20,000-request
  // run came ~12 ms sooner (bench/README.md, session 5). Joined when `closed` goes away.
  auto closed = std::async(std::launch::async, [&http] { http.reset(); });
  if (setup_sync) setup_sync->Wait();
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

void RefuseExistingRun(const std::filesystem::path& requested) {
  if (!requested.empty() && std::filesystem::exists(requested / "manifest.json")) {
    throw ConfigError("--out: " + requested.string() +
                      " already holds a run; finish it with 'kinship run --resume " +
                      requested.string() + "' or choose another folder");
  }
}

}  // namespace

std::filesystem::path ChooseRunDir(const std::filesystem::path& requested, const std::string& tag) {
  if (!requested.empty()) {
    RefuseExistingRun(requested);
    return requested;
  }
  std::filesystem::path base = std::filesystem::path("results") / NewRunId(tag);
  std::filesystem::path dir = base;
  for (int n = 2; std::filesystem::exists(dir); ++n) dir = base.string() + "-" + std::to_string(n);
  return dir;
}

PreparedRun PrepareRun(const RunRequest& request) {
  if (request.suites.empty()) throw ConfigError("no suites: give at least one SUITE (e.g. demo)");
  RefuseExistingRun(request.out_dir);
  // Load and validate everything before anything is sent.
  std::vector<Suite> suites;
  std::set<std::string> suite_names;
  for (const auto& name : request.suites) {
    Suite suite = LoadSuite(ResolveSuitePath(name));
    if (!suite_names.insert(suite.name).second) {
      throw ConfigError(suite.path + ": a suite named '" + suite.name + "' is already in this run");
    }
    if (auto it = request.selections.find(suite.name); it != request.selections.end()) {
      ApplyPromptSelection(it->second, &suite);
    }
    suites.push_back(std::move(suite));
  }
  PreparedRun prepared;
  prepared.adapters = CreateAdapters(request.models);
  prepared.dir = request.out_dir;
  prepared.tag = !request.tag.empty() ? request.tag : suites.size() == 1 ? suites[0].name : "multi";

  RunManifest& manifest = prepared.manifest;
  std::size_t total_prompts = 0;
  for (const auto& suite : suites) total_prompts += suite.prompts.size();
  prepared.prompts.reserve(total_prompts);
  for (auto& suite : suites) {
    manifest.suites.push_back({suite.name, suite.version, suite.path, suite.content_hash,
                               static_cast<int>(suite.prompts.size())});
    for (auto& prompt : suite.prompts) {
      if (!prompt.samples) prompt.samples = suite.samples;
      prepared.prompts.push_back(std::move(prompt));
    }
  }
  prepared.items = BuildPlan(request.models, prepared.prompts, PromptSampleCounts(prepared.prompts),
                             request.plan);
  if (request.shard) prepared.items = FilterPlanToShard(prepared.items, prepared.prompts, *request.shard);
  prepared.planned = static_cast<int>(prepared.items.size());

  manifest.tool_version = std::string(ToolVersion());
  manifest.git_hash = std::string(GitHash());
  manifest.argv = RedactArgv(request.argv, SecretEnvNames(request.models));
  manifest.models = request.models;
  manifest.sampling_overrides = request.plan.overrides;
  manifest.samples_override = request.plan.samples_override;
  manifest.greedy_first_sample = request.plan.greedy_first_sample;
  manifest.sampled_temperature = request.plan.sampled_temperature;
  manifest.seed_from_flag = request.plan.overrides.seed.has_value();
  manifest.seed = request.plan.overrides.seed.value_or(0);
  manifest.planned = prepared.planned;
  manifest.shard = request.shard;
  return prepared;
}

PreparedRun PrepareResume(const std::filesystem::path& dir) {
  PreparedRun prepared;
  prepared.resume = true;
  prepared.dir = dir;
  prepared.manifest = ReadManifest(dir);
  prepared.prompts = ReadPrompts(dir);
  if (prepared.prompts.empty()) {
    throw ConfigError(dir.string() + ": prompts.jsonl is missing or empty; cannot resume");
  }
  const RunManifest& manifest = prepared.manifest;
  prepared.adapters = CreateAdapters(manifest.models);
  PlanOptions plan;
  plan.overrides = manifest.sampling_overrides;
  plan.samples_override = manifest.samples_override;
  plan.greedy_first_sample = manifest.greedy_first_sample;
  plan.sampled_temperature = manifest.sampled_temperature;
  auto all = BuildPlan(manifest.models, prepared.prompts, PromptSampleCounts(prepared.prompts), plan);
  if (manifest.shard) all = FilterPlanToShard(all, prepared.prompts, *manifest.shard);
  prepared.planned = static_cast<int>(all.size());
  auto done = SucceededKeys(dir);
  for (auto& item : all) {
    if (!done.count(WorkItemKey(item, manifest.models, prepared.prompts))) {
      prepared.items.push_back(std::move(item));
    }
  }
  return prepared;
}

std::vector<ModelBudget> PreparedBudget(const PreparedRun& prepared) {
  return PlanBudget(prepared.manifest.models, prepared.prompts, prepared.items);
}

RunResult ExecuteRun(PreparedRun prepared, const ExecutionSettings& execution) {
  RunManifest& manifest = prepared.manifest;
  std::unique_ptr<HttpClient> http = OpenHttpClient(prepared.adapters, execution);
  if (prepared.resume) {
    if (!execution.quiet) {
      fmt::print(stderr, "kinship: resuming {}: {} of {} items left\n", prepared.dir.string(),
                 prepared.items.size(), prepared.planned);
    }
    manifest.status = "running";
    manifest.resumed_at.push_back(UtcNowIso8601());
  } else {
    prepared.dir = ChooseRunDir(prepared.dir, prepared.tag);
    std::filesystem::create_directories(prepared.dir);
    manifest.run_id = prepared.dir.filename().string();
    manifest.started_at = UtcNowIso8601();
    // A new folder: nothing in it can be lost by a crash before its files are synced, so
    // they are synced (with the folder and its parent, which name them) while the first
    // requests go out. A process crash loses nothing either way; the page cache keeps it.
    WritePrompts(prepared.dir, prepared.prompts, Durability::kDeferred);
    WriteManifest(prepared.dir, manifest, Durability::kDeferred);
    std::filesystem::path parent = std::filesystem::absolute(prepared.dir).parent_path();
    auto setup_sync = std::make_unique<DeferredSync>(std::vector<std::filesystem::path>{
        prepared.dir / "prompts.jsonl", prepared.dir / "manifest.json", prepared.dir, parent});
    return Execute(prepared.dir, std::move(manifest), prepared.prompts, std::move(prepared.items),
                   std::move(prepared.adapters), std::move(http), execution, std::move(setup_sync));
  }
  WriteManifest(prepared.dir, manifest);
  return Execute(prepared.dir, std::move(manifest), prepared.prompts, std::move(prepared.items),
                 std::move(prepared.adapters), std::move(http), execution, nullptr);
}

RunResult StartRun(const RunRequest& request) {
  PreparedRun prepared = PrepareRun(request);
  if (request.dry_run) {
    fmt::print("{}", FormatBudget(PreparedBudget(prepared)));
    fmt::print("dry run: nothing was sent and no run directory was created\n");
    return RunResult{};
  }
  return ExecuteRun(std::move(prepared), request.execution);
}

RunResult ResumeRun(const std::filesystem::path& dir, const ExecutionSettings& execution) {
  return ExecuteRun(PrepareResume(dir), execution);
}

}  // namespace kinship
