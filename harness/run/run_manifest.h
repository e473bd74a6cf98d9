// manifest.json: everything needed to reproduce and resume a run (format: results/README.md).
// It holds model configs as written (key variable NAMES only, never key values) and an
// argv from which the values of those variables have been redacted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/config/model_config.h"
#include "harness/core/file_io.h"
#include "harness/run/run_plan.h"
#include "harness/core/sampling.h"

namespace kinship {

inline constexpr const char* kRunFormat = "kinship-run/1";

struct SuiteRef {
  std::string name;
  std::string version;
  std::string path;
  std::string content_hash;
  int prompts = 0;
};

struct ModelCounters {
  int ok = 0;
  int errors = 0;
  int retries = 0;       // attempts beyond the first
  int rate_limited = 0;  // 429 answers seen
  int cached = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t reasoning_tokens = 0;
  std::optional<double> cost_usd;  // from the model's prices; nullopt without them
};

struct RunManifest {
  std::string format = kRunFormat;
  std::string run_id;
  std::string tool_version;
  std::string git_hash;
  std::vector<std::string> argv;          // redacted (RedactArgv)
  std::vector<SuiteRef> suites;
  std::vector<ModelConfig> models;        // panel order
  SamplingParams sampling_overrides;      // from command-line flags
  std::optional<int> samples_override;    // --samples
  bool greedy_first_sample = false;       // PlanOptions::greedy_first_sample (kinship audit)
  double sampled_temperature = 1.0;       // its temperature for samples 1..
  std::uint64_t seed = 0;                 // --seed, or 0 when the suites' seeds apply
  bool seed_from_flag = false;
  int planned = 0;                        // items in the plan
  std::optional<Shard> shard;             // --shard i/N; nullopt: the whole plan
  std::string status = "running";        // running | complete | incomplete | interrupted
  std::string started_at;
  std::string finished_at;
  std::vector<std::string> resumed_at;    // one timestamp per --resume
  std::map<std::string, ModelCounters> counters;  // by model name
};

nlohmann::json ManifestToJson(const RunManifest& manifest);
// Throws ConfigError naming the file on a missing or unreadable field.
RunManifest ManifestFromJson(const nlohmann::json& json, const std::string& file);

void WriteManifest(const std::filesystem::path& run_dir, const RunManifest& manifest,
                   Durability durability = Durability::kSynced);
RunManifest ReadManifest(const std::filesystem::path& run_dir);

// argv with every occurrence of the values of the named environment variables replaced
// by "[REDACTED]" (defence in depth: keys are never meant to be on the command line).
std::vector<std::string> RedactArgv(const std::vector<std::string>& argv,
                                    const std::vector<std::string>& secret_env_names);

}  // namespace kinship
