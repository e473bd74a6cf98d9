#include "harness/run/run_writer.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/config/prompt.h"
#include "harness/core/file_io.h"
#include "harness/run/prompt_record.h"

namespace kinship {

namespace {

[[noreturn]] void Fail(const std::string& path, const char* what) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

// Cuts the file back to just after its last '\n' (or to empty). Returns bytes removed.
std::size_t RepairTornTail(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) Fail(path, "stat failed");
  off_t size = st.st_size;
  if (size == 0) return 0;
  char buffer[4096];
  off_t end = size;
  while (end > 0) {
    off_t start = end > static_cast<off_t>(sizeof buffer) ? end - sizeof buffer : 0;
    ssize_t n = ::pread(fd, buffer, static_cast<size_t>(end - start), start);
    if (n < 0) Fail(path, "read failed");
    for (ssize_t i = n - 1; i >= 0; --i) {
      if (buffer[i] == '\n') {
        off_t keep = start + i + 1;
        if (keep == size) return 0;
        if (::ftruncate(fd, keep) != 0) Fail(path, "truncate failed");
        return static_cast<std::size_t>(size - keep);
      }
    }
    end = start;
  }
  if (::ftruncate(fd, 0) != 0) Fail(path, "truncate failed");
  return static_cast<std::size_t>(size);
}

}  // namespace

RunWriter::RunWriter(const std::filesystem::path& run_dir)
    : path_((run_dir / "responses.jsonl").string()) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) Fail(path_, "cannot open");
  repaired_bytes_ = RepairTornTail(fd_, path_);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) Fail(path_, "stat failed");
  started_empty_ = st.st_size == 0;
  end_ = st.st_size;
  written_back_ = st.st_size;
}

RunWriter::~RunWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void RunWriter::Append(const ResponseRecord& record) {
  std::string line;
  line.reserve(512 + record.output.size() + record.reasoning.size());
  AppendRecordJson(record, &line);
  line.push_back('\n');
  AppendLines(line);
}

void RunWriter::AppendLines(std::string_view lines, std::size_t* written) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t done = 0;
  if (written != nullptr) *written = 0;
  while (done < lines.size()) {
    ssize_t n = ::write(fd_, lines.data() + done, lines.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail(path_, "write failed");
    }
    done += static_cast<std::size_t>(n);
    end_ += n;
    if (written != nullptr) *written = done;
  }
  if (end_ - written_back_ >= static_cast<off_t>(kWritebackStep)) {
    // A hint: failure (a file system without it) only means Sync does all the work.
    ::sync_file_range(fd_, written_back_, end_ - written_back_, SYNC_FILE_RANGE_WRITE);
    written_back_ = end_;
  }
}

void RunWriter::Sync() {
  std::lock_guard<std::mutex> lock(mutex_);
  ::fsync(fd_);
}

void WritePrompts(const std::filesystem::path& run_dir, const std::vector<Prompt>& prompts,
                  Durability durability) {
  std::string text;
  for (const auto& prompt : prompts) {
    text += PromptToJsonLine(prompt);
    text.push_back('\n');
  }
  WriteFileAtomically(run_dir / "prompts.jsonl", text, durability);
}

}  // namespace kinship
