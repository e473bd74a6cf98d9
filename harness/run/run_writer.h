// Appends records to a run's responses.jsonl, one complete line per write(2), so a
// SIGKILL at any moment leaves at most one torn last line and loses nothing finished.
// Opening repairs a torn tail left by an earlier crash (it is cut back to the last
// newline) so new lines never glue onto a fragment. Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "harness/config/prompt.h"
#include "harness/run/response_record.h"

namespace kinship {

class RunWriter {
 public:
  // Creates or opens <run_dir>/responses.jsonl for appending. Throws std::runtime_error.
  explicit RunWriter(const std::filesystem::path& run_dir);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  // Writes the record as one line. Throws std::runtime_error when the disk refuses
  // (the runner stops scheduling; finished lines stay on disk).
  void Append(const ResponseRecord& record);

  // fsync, for durability against power loss (process crashes need no sync).
  void Sync();

  // Bytes cut from a torn tail when the file was opened (0 when it was clean).
  std::size_t repaired_bytes() const { return repaired_bytes_; }

 private:
  std::mutex mutex_;
  int fd_ = -1;
  std::string path_;
  std::size_t repaired_bytes_ = 0;
};

// Writes prompts.jsonl (the exact prompts of the plan) atomically.
void WritePrompts(const std::filesystem::path& run_dir, const std::vector<Prompt>& prompts);

}  // namespace kinship
