#include "harness/importer/run_importer.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include "harness/config/model_config.h"
#include "harness/config/prompt.h"
#include "harness/core/build_info.h"
#include "harness/core/clock.h"
#include "harness/core/config_error.h"
#include "harness/core/utf8.h"
#include "harness/core/file_io.h"
#include "harness/core/hash.h"
#include "harness/importer/line_reader.h"
#include "harness/run/response_record.h"
#include "harness/run/run_manifest.h"
#include "harness/run/run_writer.h"

namespace kinship {

namespace fs = std::filesystem;

namespace {

// RunWriter makes one write(2) per record so a crashed run loses nothing; an import has
// nothing to lose (it can simply be run again), so it writes in blocks this large.
constexpr std::size_t kBlockBytes = 8 << 20;

// A file written in large blocks under a temporary name, renamed to its final name by
// Commit(); deleted if never committed, so a failed import leaves no partial file.
class BlockFile {
 public:
  BlockFile(const fs::path& dir, const std::string& final_name) : final_(dir / final_name) {
    std::string pattern = (dir / ("." + final_name + ".importing-XXXXXX")).string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) Fail("cannot create a temporary file");
    temp_ = pattern;
    // mkstemp makes the file private (0600); a run's files are as readable as RunWriter's.
    ::fchmod(fd_, 0644);
    buffer_.reserve(kBlockBytes + (1 << 20));
  }
  ~BlockFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temp_.c_str());
  }
  BlockFile(const BlockFile&) = delete;
  BlockFile& operator=(const BlockFile&) = delete;

  void AppendLine(std::string_view line) {
    buffer_.append(line);
    buffer_.push_back('\n');
    if (buffer_.size() >= kBlockBytes) Flush();
  }
  // Flushes and closes; the data stays under temp_path() until Commit().
  void Close() {
    Flush();
    if (fd_ >= 0 && ::close(fd_) != 0) Fail("close failed");
    fd_ = -1;
  }
  void Commit() {
    Close();
    if (::rename(temp_.c_str(), final_.c_str()) != 0) Fail("cannot rename into place");
    committed_ = true;
  }
  const std::string& temp_path() const { return temp_; }

 private:
  void Flush() {
    std::size_t written = 0;
    while (written < buffer_.size()) {
      ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        Fail("write failed");
      }
      written += static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }
  [[noreturn]] void Fail(const char* what) const {
    throw std::runtime_error(final_.string() + ": " + what + ": " + std::strerror(errno));
  }

  fs::path final_;
  std::string temp_;
  int fd_ = -1;
  std::string buffer_;
  bool committed_ = false;
};

// Removes the output folder if this import created it and did not finish.
class FolderGuard {
 public:
  explicit FolderGuard(fs::path dir) : dir_(std::move(dir)) {}
  ~FolderGuard() {
    if (dir_.empty()) return;
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  void Release() { dir_.clear(); }

 private:
  fs::path dir_;
};

// Collects prompts, models and items while the rows stream past; each row's record is
// serialised at once and only its key is remembered.
class Collector {
 public:
  Collector(const ImportRequest& request, BlockFile* responses, std::string now)
      : request_(request), responses_(responses) {
    record_.status = "ok";
    record_.started_at = now;
    record_.finished_at = std::move(now);
  }

  void Add(ImportedRow&& row) {
    if (row.suite.empty()) row.suite = request_.suite;
    NotePrompt(row);
    std::string key = RecordKey(row.model, row.suite, row.prompt_id, row.sample);
    auto [item, inserted] = items_.try_emplace(std::move(key), Item{lines_, row.where});
    if (!inserted) {
      if (!request_.dedupe) {
        throw ConfigError(row.where, "prompt_id",
                          fmt::format("duplicate answer for model '{}', prompt '{}', sample {} "
                                      "(first at {}); pass --dedupe to keep the last",
                                      row.model, row.prompt_id, row.sample,
                                      item->second.where.ToString()));
      }
      superseded_.push_back(item->second.line);
      item->second = Item{lines_, row.where};
    } else {
      NoteModel(row.model, row.where);
    }
    record_.model = std::move(row.model);
    record_.suite = std::move(row.suite);
    record_.prompt_id = std::move(row.prompt_id);
    record_.sample = row.sample;
    record_.output = std::move(row.output);
    responses_->AppendLine(RecordToJsonLine(record_));
    ++lines_;
  }

  const std::vector<Prompt>& prompts() const { return prompts_; }
  const std::vector<std::string>& models() const { return models_; }
  const std::vector<std::string>& suites() const { return suites_; }
  std::int64_t ItemsOf(const std::string& model) const { return model_items_.at(model); }
  std::int64_t records() const { return static_cast<std::int64_t>(items_.size()); }
  // Line numbers (0-based) of records replaced by a later duplicate, ascending.
  std::vector<std::int64_t> TakeSuperseded() {
    std::sort(superseded_.begin(), superseded_.end());
    return std::move(superseded_);
  }

 private:
  struct Item {
    std::int64_t line;
    SourceLocation where;
  };
  struct PromptSlot {
    std::size_t index;
    SourceLocation where;
  };

  void NotePrompt(const ImportedRow& row) {
    std::string key = row.suite + '\x1f' + row.prompt_id;
    auto found = prompt_index_.find(key);
    if (found == prompt_index_.end()) {
      Prompt prompt;
      prompt.suite = row.suite;
      prompt.id = row.prompt_id;
      prompt.messages.push_back({Role::kUser, row.prompt});
      prompt.reference = row.reference;
      prompt.samples = row.sample + 1;
      prompt_index_.emplace(std::move(key), PromptSlot{prompts_.size(), row.where});
      prompts_.push_back(std::move(prompt));
      if (std::find(suites_.begin(), suites_.end(), row.suite) == suites_.end()) {
        suites_.push_back(row.suite);
      }
      return;
    }
    Prompt& prompt = prompts_[found->second.index];
    std::string& text = prompt.messages.front().content;
    if (text != row.prompt) {
      if (text.empty()) {
        text = row.prompt;
      } else if (!row.prompt.empty()) {
        throw ConfigError(row.where, "prompt",
                          fmt::format("prompt '{}' has a different text at {}", row.prompt_id,
                                      found->second.where.ToString()));
      }
    }
    if (!prompt.reference && row.reference) prompt.reference = row.reference;
    prompt.samples = std::max(*prompt.samples, row.sample + 1);
  }

  void NoteModel(const std::string& model, const SourceLocation& where) {
    auto [it, inserted] = model_items_.try_emplace(model, 0);
    if (inserted) {
      CheckModelName(model, where);
      models_.push_back(model);
    }
    ++it->second;
  }

  // A model's name is printed in terminals, Markdown and HTML: one without control
  // characters, line breaks or direction overrides can be shown as it is everywhere. Spaces
  // and punctuation stay allowed (leaderboards use them).
  static void CheckModelName(const std::string& model, const SourceLocation& where) {
    for (std::size_t pos = 0; pos < model.size();) {
      const char32_t cp = DecodeUtf8(model, &pos);
      if (IsControlOrDirectionOverride(cp)) {
        const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
        throw ConfigError(where, "model",
                          fmt::format("the model name contains U+{:04X} ({}); names are shown in "
                                      "terminals and reports, so they may not",
                                      static_cast<std::uint32_t>(cp),
                                      control ? "a control character" : "a direction control"));
      }
    }
  }

  const ImportRequest& request_;
  BlockFile* responses_;
  ResponseRecord record_;  // reused: only the item's fields change from row to row
  std::int64_t lines_ = 0;
  std::unordered_map<std::string, Item> items_;
  std::vector<std::int64_t> superseded_;
  std::unordered_map<std::string, PromptSlot> prompt_index_;
  std::vector<Prompt> prompts_;
  std::vector<std::string> suites_;
  std::vector<std::string> models_;
  std::unordered_map<std::string, std::int64_t> model_items_;
};

// Hands batches of rows from the reading thread to the writing thread. Parsing and
// serialising each cost about half of an import, so on two cores they overlap. Bounded,
// so a fast reader cannot fill memory; either side can stop the other.
class RowPipe {
 public:
  // False when the consumer has given up (the reader should stop).
  bool Push(std::vector<ImportedRow>&& batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    space_.wait(lock, [this] { return batches_.size() < kMaxBatches || cancelled_; });
    if (cancelled_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }
  // Called once by the reader when it ends, with the exception that ended it, if any.
  void Close(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    error_ = std::move(error);
    ready_.notify_one();
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    space_.notify_all();
  }
  // The next batch; false at the end, after rethrowing the reader's exception if any.
  bool Pop(std::vector<ImportedRow>* batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return !batches_.empty() || closed_; });
    if (batches_.empty()) {
      if (error_) std::rethrow_exception(error_);
      return false;
    }
    *batch = std::move(batches_.front());
    batches_.pop_front();
    space_.notify_one();
    return true;
  }

 private:
  static constexpr std::size_t kMaxBatches = 16;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<std::vector<ImportedRow>> batches_;
  bool closed_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
};

// Runs `read(sink)` on its own thread, feeding a RowPipe; joins on destruction, after
// cancelling the reader if the consumer is leaving early (an error).
class ReaderThread {
 public:
  explicit ReaderThread(std::function<void(const RowSink&)> read)
      : thread_([this, read = std::move(read)] { Run(read); }) {}
  ~ReaderThread() {
    pipe_.Cancel();
    thread_.join();
  }
  RowPipe& pipe() { return pipe_; }

 private:
  struct Stopped {};
  void Run(const std::function<void(const RowSink&)>& read) {
    constexpr std::size_t kBatchRows = 256;
    std::vector<ImportedRow> batch;
    batch.reserve(kBatchRows);
    try {
      read([&](ImportedRow&& row) {
        batch.push_back(std::move(row));
        if (batch.size() >= kBatchRows) {
          if (!pipe_.Push(std::move(batch))) throw Stopped{};
          batch = {};
          batch.reserve(kBatchRows);
        }
      });
      if (!batch.empty()) pipe_.Push(std::move(batch));
      pipe_.Close(nullptr);
    } catch (const Stopped&) {
      pipe_.Close(nullptr);
    } catch (...) {
      pipe_.Close(std::current_exception());
    }
  }

  RowPipe pipe_;
  std::thread thread_;
};

void CheckRequest(const ImportRequest& request) {
  if (request.files.empty()) throw ConfigError("import: give at least one FILE to import");
  if (request.out.empty()) throw ConfigError(SourceLocation{}, "--out", "missing output folder");
  if (request.suite.empty()) throw ConfigError(SourceLocation{}, "--suite", "must not be empty");
  if (!request.questions.empty() && request.format != ImportFormat::kFastChat) {
    throw ConfigError(SourceLocation{}, "--questions", "only the fastchat format takes it");
  }
  for (const auto& file : request.files) {
    if (!fs::is_regular_file(file)) {
      throw ConfigError(SourceLocation{file.string()}, "", "no such file");
    }
  }
  if (fs::exists(request.out / "manifest.json")) {
    throw ConfigError(SourceLocation{}, "--out",
                      request.out.string() +
                          " already holds a run (manifest.json); choose another folder");
  }
  if (fs::exists(request.out) && !fs::is_directory(request.out)) {
    throw ConfigError(SourceLocation{}, "--out", request.out.string() + " is not a folder");
  }
}

// Copies the temporary responses file without the superseded lines (dedupe only).
void DropSuperseded(const BlockFile& source, const std::vector<std::int64_t>& superseded,
                    BlockFile* target) {
  LineReader reader(source.temp_path(), nullptr);
  std::string_view line;
  std::size_t next = 0;
  std::int64_t index = 0;
  while (reader.Next(&line)) {
    if (next < superseded.size() && superseded[next] == index) {
      ++next;
    } else {
      target->AppendLine(line);
    }
    ++index;
  }
}

ModelConfig ReplayModel(const std::string& name, const fs::path& dir) {
  ModelConfig model;
  model.name = name;
  model.adapter = "replay";
  model.model = name;
  model.options = {{"source", dir.string()}, {"recorded_model", name}};
  return model;
}

std::string RunIdOf(const fs::path& dir) {
  fs::path normal = dir.lexically_normal();
  std::string id = normal.filename().string();
  if (id.empty()) id = normal.parent_path().filename().string();
  return id;
}

}  // namespace

ImportSummary ImportRun(const ImportRequest& request) {
  CheckRequest(request);
  const std::string started_at = UtcNowIso8601();
  const bool created = !fs::exists(request.out);
  fs::create_directories(request.out);
  FolderGuard guard(created ? request.out : fs::path());
  const fs::path dir = fs::absolute(request.out).lexically_normal();

  Sha256Stream hasher;
  SourceOptions options;
  options.model = request.model;
  options.hasher = &hasher;

  auto responses = std::make_unique<BlockFile>(dir, "responses.jsonl");
  Collector collector(request, responses.get(), started_at);
  // The questions are parsed first but hashed last, so the content hash covers the FILE
  // arguments in order, then the questions they were answered from.
  FastChatQuestions questions;
  if (!request.questions.empty()) questions = ReadFastChatQuestions(request.questions, nullptr);
  auto read_all = [&](const RowSink& sink) {
    for (const auto& file : request.files) {
      switch (request.format) {
        case ImportFormat::kJsonl:
          ReadJsonlRows(file, options, sink);
          break;
        case ImportFormat::kAlpacaEval:
          ReadAlpacaEvalRows(file, options, sink);
          break;
        case ImportFormat::kFastChat:
          ReadFastChatRows(file, request.questions.empty() ? nullptr : &questions, options,
                           sink);
          break;
      }
    }
  };
  {
    ReaderThread reader(read_all);
    std::vector<ImportedRow> batch;
    while (reader.pipe().Pop(&batch)) {
      for (auto& row : batch) collector.Add(std::move(row));
    }
  }
  if (!request.questions.empty()) hasher.Update(ReadFileOrThrow(request.questions));
  if (collector.records() == 0) {
    throw ConfigError(SourceLocation{request.files.front().string()}, "",
                      "no answers found to import");
  }

  ImportSummary summary;
  summary.dir = request.out;
  auto superseded = collector.TakeSuperseded();
  summary.replaced = static_cast<std::int64_t>(superseded.size());
  if (superseded.empty()) {
    responses->Commit();
  } else {
    responses->Close();
    BlockFile kept(dir, "responses.jsonl");
    DropSuperseded(*responses, superseded, &kept);
    kept.Commit();
    responses.reset();
  }
  WritePrompts(dir, collector.prompts());

  RunManifest manifest;
  manifest.run_id = RunIdOf(dir);
  manifest.tool_version = std::string(ToolVersion());
  manifest.git_hash = std::string(GitHash());
  manifest.argv = RedactArgv(request.argv, {});
  const std::string content_hash = hasher.FinishHex();
  for (const auto& suite : collector.suites()) {
    int count = 0;
    for (const auto& prompt : collector.prompts()) count += prompt.suite == suite ? 1 : 0;
    manifest.suites.push_back({suite, "1", request.files.front().string(), content_hash, count});
  }
  for (const auto& name : collector.models()) {
    manifest.models.push_back(ReplayModel(name, dir));
    ModelCounters counters;
    counters.ok = static_cast<int>(collector.ItemsOf(name));
    manifest.counters[name] = counters;
  }
  manifest.planned = static_cast<int>(collector.records());
  manifest.status = "complete";
  manifest.started_at = started_at;
  manifest.finished_at = UtcNowIso8601();
  WriteManifest(dir, manifest);
  guard.Release();

  summary.models = static_cast<int>(collector.models().size());
  summary.prompts = static_cast<int>(collector.prompts().size());
  summary.records = collector.records();
  return summary;
}

}  // namespace kinship
