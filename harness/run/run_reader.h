// Reads a run directory (format: results/README.md) for analysis and reporting.
// Readers tolerate a torn last line (a crash mid-write) and superseded records (a
// failed item retried by --resume): the last record per key wins, except that an ok
// record is never replaced by a later error.
#pragma once

#include <filesystem>
#include <functional>
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

// Only prompts.jsonl (for resuming, which must not load every answer). Lines that do not
// parse are counted in *skipped when given.
std::vector<Prompt> ReadPrompts(const std::filesystem::path& dir, int* skipped = nullptr);

// Calls `fn` with every parseable record of <dir>/responses.jsonl in file order --
// superseded ones included (apply Supersedes() to keep the last word per item) -- reading
// one line at a time, so memory does not grow with the run. Returns the number of lines
// skipped as torn or malformed. A missing file has no records.
int ForEachRecord(const std::filesystem::path& dir,
                  const std::function<void(ResponseRecord&&)>& fn);

// The readers' rule: a later record of the same item replaces an earlier one, except that
// an error never replaces an ok record.
inline bool Supersedes(bool earlier_ok, bool later_ok) { return later_ok || !earlier_ok; }

}  // namespace kinship
