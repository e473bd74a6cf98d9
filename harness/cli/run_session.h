// A whole `kinship run`: load and check everything, then plan, execute and record.
// Nothing is sent before every suite, model and adapter has been validated (a bad
// configuration throws ConfigError first). Shared by `run`, `run --resume` and `demo`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/run/run_plan.h"
#include "harness/run/runner.h"

namespace kinship {

// How to execute, shared by a new run and a resumed one (none of it is recorded: it does
// not change what is asked, only how).
struct ExecutionSettings {
  int concurrency = 8;
  bool quiet = false;
  bool verbose = false;                  // one stderr line per attempt (never headers or keys)
  double deadline_s = 0;                 // the whole run; 0: none
  std::string ca_file;                   // extra trust anchors for HTTPS
  bool use_cache = true;
  std::filesystem::path cache_file;      // empty: the default cache
};

struct RunRequest {
  std::vector<std::string> suites;       // names of built-in suites or paths
  std::vector<ModelConfig> models;       // the panel
  std::filesystem::path out_dir;         // the run directory; empty: results/<run-id>
  PlanOptions plan;
  ExecutionSettings execution;
  bool dry_run = false;                  // print the plan and its cost bound; send nothing
  std::optional<Shard> shard;            // --shard: run only this slice (recorded in the manifest)
  std::vector<std::string> argv;         // recorded (redacted) in the manifest
};

struct RunResult {
  std::filesystem::path dir;             // empty after a dry run
  RunnerOutcome outcome;
  int exit_code = 0;  // 0 all ok, 1 some items failed, 130 interrupted
};

RunResult StartRun(const RunRequest& request);

// Finishes the run in `dir`: only items without an ok record are run again.
RunResult ResumeRun(const std::filesystem::path& dir, const ExecutionSettings& execution);

}  // namespace kinship
