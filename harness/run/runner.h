// Executes the items of a plan against the panel's adapters and records each outcome.
//
// Contract: every item that is started ends as exactly one appended record (ok or error);
// items not started (stop requested, or the writer failed) leave no record, so `--resume`
// picks them up. Per-model concurrency limits are honoured on top of the global one.
// Adapter failures are recorded values; only a writer failure (disk) aborts, by rethrowing
// after in-flight items have drained.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/config/prompt.h"
#include "harness/core/adapter.h"
#include "harness/run/response_record.h"
#include "harness/run/run_plan.h"
#include "harness/run/run_writer.h"

namespace kinship {

struct RunnerOptions {
  int concurrency = 4;                        // worker threads in all
  const std::atomic<bool>* stop = nullptr;    // set (e.g. by SIGINT) to stop scheduling
  // Called after each record is written, from worker threads (must be thread-safe).
  std::function<void(const ResponseRecord&)> on_record;
};

struct RunnerOutcome {
  int ok = 0;
  int errors = 0;
  int not_started = 0;
  bool interrupted = false;
};

// `adapters[i]` answers for `models[i]`.
RunnerOutcome ExecutePlan(const std::vector<WorkItem>& items, const std::vector<Prompt>& prompts,
                          const std::vector<ModelConfig>& models,
                          const std::vector<Adapter*>& adapters, RunWriter& writer,
                          const RunnerOptions& options);

}  // namespace kinship
