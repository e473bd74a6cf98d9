// Executes the items of a plan against the panel's adapters and records each outcome.
//
// Direct adapters (simulated models, command, echo) run on a worker pool; HTTP adapters
// are codecs whose requests the engine sends itself through the shared HttpClient, so
// every backend gets the same scheduling:
//   - a global limit on items in flight, and per model an adaptive limit (AIMD: halved on
//     HTTP 429, regrown on success) under the model's `concurrency` ceiling;
//   - requests- and tokens-per-minute buckets per model (`rpm`, `tpm`);
//   - retries of transient failures (retry_policy.h) with capped exponential back-off and
//     full jitter that honours Retry-After, up to `max_attempts`;
//   - a per-attempt timeout (`timeout_s`), a deadline per item (`deadline_s`, all attempts)
//     and an optional deadline for the whole run, so a run never hangs.
//
// Records are written by group commit: the records of all items that finished since the
// last write go out in one write(2), and an item counts as finished (on_record, the outcome
// counters, its concurrency slot) only after the write that holds its record completed.
//
// Contract: every item that is started ends as exactly one appended record (ok or error);
// items not started (stop requested, run deadline passed, or the writer failed) leave no
// record, so `--resume` picks them up. Adapter failures are recorded values; only a writer
// failure (disk) aborts, by rethrowing after in-flight items have drained.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/config/prompt.h"
#include "harness/core/adapter.h"
#include "harness/run/response_record.h"
#include "harness/run/run_plan.h"
#include "harness/run/run_writer.h"

namespace kinship {

class HttpClient;

// Scheduling defaults for models that do not set their own.
inline constexpr double kDefaultTimeoutSeconds = 120;
inline constexpr double kDefaultDeadlineSeconds = 900;
inline constexpr int kDefaultMaxAttempts = 5;

struct RunnerOptions {
  int concurrency = 8;                        // items in flight in all
  const std::atomic<bool>* stop = nullptr;    // set (e.g. by SIGINT) to stop scheduling
  // No new item starts after this moment; started items finish (without further retries).
  std::optional<std::chrono::steady_clock::time_point> run_deadline;
  HttpClient* http = nullptr;                 // required when an adapter is an HttpAdapter
  // Base delay of the retry back-off (tests shorten it).
  std::chrono::milliseconds retry_base_delay{1000};

  // Response cache hooks (both optional). `lookup` is asked before an item's first
  // attempt; `store` is given every ok answer that did not come from the cache.
  std::function<std::optional<Completion>(const ModelConfig&, const ModelRequest&)> cache_lookup;
  std::function<void(const ModelConfig&, const ModelRequest&, const Completion&)> cache_store;

  // Called once each record is on disk (after the write(2) that holds it; from engine
  // threads, must be thread-safe).
  std::function<void(const ResponseRecord&)> on_record;
  // Called when an attempt will be retried; `rate_limited` tells whether it was a 429.
  std::function<void(bool rate_limited)> on_retry;
  // One line per attempt for --verbose (never contains request headers or keys).
  std::function<void(const std::string&)> log;
};

struct RunnerOutcome {
  int ok = 0;
  int errors = 0;
  int not_started = 0;
  int retries = 0;
  int rate_limited = 0;
  bool interrupted = false;       // stopped by the stop flag
  bool deadline_reached = false;  // stopped by the run deadline
};

// `adapters[i]` answers for `models[i]`.
RunnerOutcome ExecutePlan(const std::vector<WorkItem>& items, const std::vector<Prompt>& prompts,
                          const std::vector<ModelConfig>& models,
                          const std::vector<Adapter*>& adapters, RunWriter& writer,
                          const RunnerOptions& options);

}  // namespace kinship
