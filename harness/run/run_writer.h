// Appends records to a run's responses.jsonl, whole lines per write(2) -- one record, or a
// group of finished records (AppendLines) -- so a SIGKILL at any moment leaves at most one
// torn last line and loses nothing whose write had completed.
// Opening repairs a torn tail left by an earlier crash (it is cut back to the last
// newline) so new lines never glue onto a fragment. Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

#include "harness/config/prompt.h"
#include "harness/core/file_io.h"
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

  // Writes `lines` (complete lines, each ending in '\n') with one write(2), or a few when
  // the kernel takes less. Throws std::runtime_error when the disk refuses; *written (when
  // given) is always set to the bytes that reached the file, so the caller knows which of
  // its lines are complete on disk.
  void AppendLines(std::string_view lines, std::size_t* written = nullptr);

  // fsync, for durability against power loss (process crashes need no sync).
  void Sync();

  // Appended bytes after which AppendLines asks the kernel to start writing them to disk
  // (sync_file_range, without waiting), so that Sync at the end of a run only waits for the
  // last stretch and the journal instead of the whole file: on the ext4 virtual disk we
  // measure on, a final fsync of 12 MB took 13-37 ms, and 7-8 ms after early writeback.
  static constexpr std::size_t kWritebackStep = 1 << 20;

  // Bytes cut from a torn tail when the file was opened (0 when it was clean).
  std::size_t repaired_bytes() const { return repaired_bytes_; }
  // True when the file held no complete record when it was opened (a new run).
  bool started_empty() const { return started_empty_; }

 private:
  std::mutex mutex_;
  int fd_ = -1;
  std::string path_;
  std::size_t repaired_bytes_ = 0;
  off_t end_ = 0;             // the file's size: where the next appended byte lands
  off_t written_back_ = 0;    // bytes before this offset have been handed to writeback
  bool started_empty_ = false;
};

// Writes prompts.jsonl (the exact prompts of the plan) atomically.
void WritePrompts(const std::filesystem::path& run_dir, const std::vector<Prompt>& prompts,
                  Durability durability = Durability::kSynced);

}  // namespace kinship
