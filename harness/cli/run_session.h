// A whole `kinship run`: load and check everything, then plan, execute and record.
// Nothing is sent before every suite, model and adapter has been validated (a bad
// configuration throws ConfigError first). Shared by `run`, `run --resume` and `demo`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/run/run_plan.h"
#include "harness/run/runner.h"

namespace kinship {

struct RunRequest {
  std::vector<std::string> suites;       // names of built-in suites or paths
  std::vector<ModelConfig> models;       // the panel
  std::filesystem::path out_dir;         // the run directory; empty: results/<run-id>
  PlanOptions plan;
  int concurrency = 8;
  bool quiet = false;
  std::vector<std::string> argv;         // recorded (redacted) in the manifest
};

struct RunResult {
  std::filesystem::path dir;
  RunnerOutcome outcome;
  int exit_code = 0;  // 0 all ok, 1 some items failed, 130 interrupted
};

RunResult StartRun(const RunRequest& request);

// Finishes the run in `dir`: only items without an ok record are run again.
RunResult ResumeRun(const std::filesystem::path& dir, int concurrency, bool quiet);

}  // namespace kinship
