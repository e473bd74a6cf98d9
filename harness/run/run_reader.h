// Reads a run directory (format: results/README.md) for analysis and reporting.
// Readers tolerate a torn last line (a crash mid-write) and superseded records (a
// failed item retried by --resume): the last record per key wins, except that an ok
// record is never replaced by a later error.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/config/prompt.h"
#include "harness/run/response_record.h"

namespace kinship {

struct RunData {
  std::filesystem::path dir;
  nlohmann::json manifest;              // manifest.json as written
  std::vector<Prompt> prompts;          // prompts.jsonl: every planned prompt, in plan order
  std::vector<ResponseRecord> records;  // one per item key, in first-seen order
  int skipped_lines = 0;                // torn or malformed lines that were ignored

  // Model panel names in manifest order.
  std::vector<std::string> ModelNames() const;
};

// Throws ConfigError when the folder is not a run directory (no manifest.json).
RunData ReadRun(const std::filesystem::path& dir);

}  // namespace kinship
