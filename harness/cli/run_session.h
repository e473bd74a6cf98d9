// A whole `kinship run`: load and check everything, then plan, execute and record.
// Nothing is sent before every suite, model and adapter has been validated (a bad
// configuration throws ConfigError first). Shared by `run`, `run --resume` and `audit`.
// The two halves are separate (Prepare*, then ExecuteRun) so a caller can show the plan's
// cost and ask before anything is sent or created.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/config/prompt_selection.h"
#include "harness/core/adapter.h"
#include "harness/run/cost.h"
#include "harness/run/run_manifest.h"
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
  // Part of a suite instead of all of it, by suite name (the name inside the file).
  std::map<std::string, PromptSelection, std::less<>> selections;
  std::vector<ModelConfig> models;       // the panel
  std::filesystem::path out_dir;         // the run directory; empty: results/<run-id>
  PlanOptions plan;
  ExecutionSettings execution;
  bool dry_run = false;                  // print the plan and its cost bound; send nothing
  std::optional<Shard> shard;            // --shard: run only this slice (recorded in the manifest)
  std::vector<std::string> argv;         // recorded (redacted) in the manifest
  std::string tag;                       // the default run id's tag; empty: from the suites
};

struct RunResult {
  std::filesystem::path dir;             // empty after a dry run
  RunnerOutcome outcome;
  int exit_code = 0;  // 0 all ok, 1 some items failed, 130 interrupted
};

// A plan ready to execute: everything loaded and validated, adapters built, nothing sent
// and nothing written yet. Move-only (it owns the adapters).
struct PreparedRun {
  bool resume = false;                   // continues the run in `dir`
  std::filesystem::path dir;             // resume: the run; new run: the requested --out (may be empty)
  std::string tag;                       // new run without --out: results/<run-id-tag>
  RunManifest manifest;
  std::vector<Prompt> prompts;
  std::vector<WorkItem> items;           // what will be sent (resume: only what is missing)
  int planned = 0;                       // every item of the plan
  std::vector<std::unique_ptr<Adapter>> adapters;
};

// The folder for a new run: `requested` (ConfigError when it already holds a run), else a
// fresh results/<run-id> (tag in the id). Creates nothing.
std::filesystem::path ChooseRunDir(const std::filesystem::path& requested, const std::string& tag);

// Loads and checks a new run. Throws ConfigError on any bad suite, model or adapter, and
// when request.out_dir already holds a run.
PreparedRun PrepareRun(const RunRequest& request);
// Reads the run in `dir` and plans what is missing (items without an ok record).
PreparedRun PrepareResume(const std::filesystem::path& dir);
// The upper bounds of what the prepared items may cost (cost.h), one row per model.
std::vector<ModelBudget> PreparedBudget(const PreparedRun& prepared);
// Creates the run directory (new runs), sends the items and records every answer.
RunResult ExecuteRun(PreparedRun prepared, const ExecutionSettings& execution);

// PrepareRun, then ExecuteRun; a dry run prints the budget instead and returns an empty dir.
RunResult StartRun(const RunRequest& request);

// Finishes the run in `dir`: only items without an ok record are run again.
RunResult ResumeRun(const std::filesystem::path& dir, const ExecutionSettings& execution);

}  // namespace kinship
