#include "harness/cache/response_cache.h"

#include <cmath>
#include <cstdlib>
#include <exception>
#include <limits>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/cache/exact_text.h"
#include "harness/cache/sqlite_db.h"
#include "harness/core/config_error.h"

namespace kinship {

namespace {

using nlohmann::json;

// SQLite waits this long on another connection's lock before reporting busy; the
// wrapper then keeps retrying (sqlite_db.cpp), so a long writer elsewhere slows us down
// but never fails us.
constexpr std::chrono::milliseconds kBusyTimeout{10'000};

// Bytes a row costs beyond its payload (key, integers, record and page overhead), for
// Prune's first estimate; the real file size decides when to stop.
constexpr std::int64_t kRowOverheadBytes = 160;

// Consecutive lookups share one read transaction for at most this long. Starting a read
// transaction costs several file-lock system calls, which were most of a lookup's time
// (measured: ~10 us of CPU per lookup without sharing). The price is that a burst may
// miss an answer another process stored in the last few milliseconds, which for a cache
// only means one request is sent again.
constexpr std::chrono::milliseconds kReadSnapshotLifetime{50};

constexpr const char* kCreateSchema = R"sql(
CREATE TABLE IF NOT EXISTS responses (
  key TEXT PRIMARY KEY NOT NULL,     -- ResponseCacheKey: hex SHA-256
  adapter TEXT NOT NULL,             -- for stats only
  model TEXT NOT NULL,               -- for stats only (the backend model id)
  created_ms INTEGER NOT NULL,       -- Unix milliseconds when stored
  output BLOB NOT NULL,              -- BLOBs: bytes are returned exactly as given
  reasoning BLOB NOT NULL,
  finish_reason BLOB NOT NULL,
  input_tokens INTEGER NOT NULL,     -- -1: not reported
  output_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  served_model BLOB NOT NULL,
  system_fingerprint BLOB NOT NULL,
  logprobs TEXT                      -- JSON array, NULL when none were returned
);
CREATE INDEX IF NOT EXISTS responses_by_age ON responses(created_ms);
)sql";

// Non-finite numbers have no JSON form; they are rare (a -inf logprob) but must survive.
json NumberToJson(double value) {
  if (std::isfinite(value)) return value;
  if (std::isnan(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

double NumberFromJson(const json& value) {
  if (value.is_number()) return value.get<double>();
  const std::string& text = value.get_ref<const std::string&>();
  if (text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  return std::numeric_limits<double>::quiet_NaN();
}

// [{"t": token, "l": logprob, "top": [[token, logprob], ...]}, ...]; short keys because
// a long answer has one object per token.
std::string LogprobsToJson(const std::vector<TokenLogprob>& logprobs) {
  json out = json::array();
  for (const auto& token : logprobs) {
    json top = json::array();
    for (const auto& [text, logprob] : token.top) {
      top.push_back(json::array({ExactTextToJson(text), NumberToJson(logprob)}));
    }
    out.push_back({{"t", ExactTextToJson(token.token)},
                   {"l", NumberToJson(token.logprob)},
                   {"top", std::move(top)}});
  }
  return out.dump();
}

std::vector<TokenLogprob> LogprobsFromJson(const std::string& text) {
  std::vector<TokenLogprob> out;
  const json parsed = json::parse(text);
  out.reserve(parsed.size());
  for (const auto& item : parsed) {
    TokenLogprob token;
    token.token = ExactTextFromJson(item.at("t"));
    token.logprob = NumberFromJson(item.at("l"));
    for (const auto& pair : item.at("top")) {
      token.top.emplace_back(ExactTextFromJson(pair.at(0)), NumberFromJson(pair.at(1)));
    }
    out.push_back(std::move(token));
  }
  return out;
}

std::chrono::system_clock::time_point FromMillis(std::int64_t ms) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::milliseconds(ms)));
}

// Resets a statement when the scope ends, however it ends, so the next use starts clean
// and no read transaction is left open (which would pin the WAL).
class ResetOnExit {
 public:
  explicit ResetOnExit(SqliteStatement* statement) : statement_(statement) {}
  ~ResetOnExit() { statement_->Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  SqliteStatement* statement_;
};

}  // namespace

ResponseCache::ResponseCache(std::filesystem::path file, Clock clock)
    : file_(std::move(file)), clock_(std::move(clock)) {}

ResponseCache::~ResponseCache() {
  if (db_) AbandonRead();
  // Statements before the connection they belong to.
  lookup_.reset();
  store_.reset();
  db_.reset();
}

std::unique_ptr<ResponseCache> ResponseCache::Open(const std::filesystem::path& file,
                                                   Clock clock) {
  if (!clock) clock = [] { return std::chrono::system_clock::now(); };
  std::unique_ptr<ResponseCache> cache(new ResponseCache(file, std::move(clock)));
  cache->OpenAndMigrate();
  return cache;
}

void ResponseCache::OpenAndMigrate() {
  std::error_code error;
  if (file_.has_parent_path()) {
    std::filesystem::create_directories(file_.parent_path(), error);
    if (error) {
      throw std::runtime_error(file_.string() + ": cannot create the cache folder: " +
                               error.message());
    }
  }
  db_ = std::make_unique<SqliteDatabase>(SqliteDatabase::Open(file_, kBusyTimeout));
  // WAL: readers never block the writer and vice versa, across processes. NORMAL is
  // durable against application crashes (a power cut may lose the last stores, which
  // for a cache only costs a resend).
  db_->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  // Lookups are random point reads over a file that grows to hundreds of MB: without
  // these, each one pays several read() calls for pages SQLite's 2 MB default cache
  // dropped (measured: ~3x slower lookups at 100k entries). Memory-mapped pages are
  // shared with the OS page cache, so this costs address space, not RAM.
  db_->Exec("PRAGMA cache_size=-32768; PRAGMA mmap_size=1073741824;");
  // IMMEDIATE takes the write lock up front, so two processes creating the schema at
  // once queue instead of racing.
  db_->Exec("BEGIN IMMEDIATE");
  try {
    db_->Exec(
        "CREATE TABLE IF NOT EXISTS kinship_cache_meta (name TEXT PRIMARY KEY NOT NULL, "
        "value INTEGER NOT NULL)");
    SqliteStatement version =
        db_->Prepare("SELECT value FROM kinship_cache_meta WHERE name = 'schema_version'");
    if (version.Step()) {
      const std::int64_t found = version.ColumnInt64(0);
      if (found > kCacheSchemaVersion) {
        throw std::runtime_error(
            file_.string() + ": the cache was written by a newer kinship (schema version " +
            std::to_string(found) + ", this build reads up to " +
            std::to_string(kCacheSchemaVersion) +
            "); upgrade kinship, or use another file with --cache or KINSHIP_CACHE_DIR");
      }
      // Older versions would be migrated here; version 1 is the first.
    } else {
      db_->Exec(kCreateSchema);
      db_->Exec("INSERT INTO kinship_cache_meta (name, value) VALUES ('schema_version', " +
                std::to_string(kCacheSchemaVersion) + ")");
    }
    version.Reset();
    db_->Exec("COMMIT");
  } catch (...) {
    try {
      db_->Exec("ROLLBACK");
    } catch (const std::exception&) {
      // The original error is the one worth reporting.
    }
    throw;
  }
  lookup_ = std::make_unique<SqliteStatement>(db_->Prepare(
      "SELECT output, reasoning, finish_reason, input_tokens, output_tokens, "
      "reasoning_tokens, served_model, system_fingerprint, logprobs "
      "FROM responses WHERE key = ?1"));
  store_ = std::make_unique<SqliteStatement>(db_->Prepare(
      "INSERT OR REPLACE INTO responses (key, adapter, model, created_ms, output, reasoning, "
      "finish_reason, input_tokens, output_tokens, reasoning_tokens, served_model, "
      "system_fingerprint, logprobs) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
}

std::int64_t ResponseCache::NowMillis() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch())
      .count();
}

std::int64_t ResponseCache::FileBytes() const {
  std::int64_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file_.string() + suffix, error);
    if (!error) total += static_cast<std::int64_t>(size);
  }
  return total;
}

void ResponseCache::RecordFailure(const std::string& message) {
  failures_.fetch_add(1, std::memory_order_relaxed);
  last_failure_ = message;
}

std::optional<Completion> ResponseCache::Lookup(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    const auto now = std::chrono::steady_clock::now();
    if (reading_ && now - read_started_ > kReadSnapshotLifetime) AbandonRead();
    if (!reading_) {
      db_->Exec("BEGIN");  // deferred: the SELECT below takes the snapshot
      reading_ = true;
      read_started_ = now;
    }
    ResetOnExit reset(lookup_.get());
    lookup_->BindText(1, key);
    if (!lookup_->Step()) {
      misses_.fetch_add(1, std::memory_order_relaxed);
      return std::nullopt;
    }
    Completion completion;
    completion.ok = true;
    completion.output = lookup_->ColumnBytes(0);
    completion.reasoning = lookup_->ColumnBytes(1);
    completion.finish_reason = lookup_->ColumnBytes(2);
    completion.input_tokens = lookup_->ColumnInt64(3);
    completion.output_tokens = lookup_->ColumnInt64(4);
    completion.reasoning_tokens = lookup_->ColumnInt64(5);
    completion.served_model = lookup_->ColumnBytes(6);
    completion.system_fingerprint = lookup_->ColumnBytes(7);
    if (!lookup_->ColumnIsNull(8)) completion.logprobs = LogprobsFromJson(lookup_->ColumnBytes(8));
    hits_.fetch_add(1, std::memory_order_relaxed);
    return completion;
  } catch (const std::exception& e) {
    AbandonRead();
    RecordFailure(std::string("lookup: ") + e.what());
    misses_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
}

void ResponseCache::AbandonRead() {
  if (!reading_) return;
  reading_ = false;
  try {
    db_->Exec("ROLLBACK");
  } catch (const std::exception&) {
    // Nothing was written; SQLite ends the transaction when the connection closes.
  }
}

void ResponseCache::Store(const std::string& key, const ModelConfig& model,
                          const Completion& completion) {
  if (!completion.ok) {
    // Errors are never cached. The snapshot is still let go: an engine whose requests
    // all fail must not pin the WAL (other processes' checkpoints wait on it).
    std::lock_guard<std::mutex> lock(mutex_);
    AbandonRead();
    return;
  }
  // Serialise outside the lock: it is the only costly part for long logprob lists.
  std::optional<std::string> logprobs;
  try {
    if (!completion.logprobs.empty()) logprobs = LogprobsToJson(completion.logprobs);
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    RecordFailure(std::string("store: ") + e.what());
    return;
  }
  const std::int64_t now = NowMillis();
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    // A read transaction cannot become a write one once another process has written
    // (SQLITE_BUSY_SNAPSHOT), so each store runs in its own.
    AbandonRead();
    ResetOnExit reset(store_.get());
    store_->BindText(1, key)
        .BindText(2, model.adapter)
        .BindText(3, model.model)
        .BindInt64(4, now)
        .BindBlob(5, completion.output)
        .BindBlob(6, completion.reasoning)
        .BindBlob(7, completion.finish_reason)
        .BindInt64(8, completion.input_tokens)
        .BindInt64(9, completion.output_tokens)
        .BindInt64(10, completion.reasoning_tokens)
        .BindBlob(11, completion.served_model)
        .BindBlob(12, completion.system_fingerprint);
    if (logprobs) {
      store_->BindText(13, *logprobs);
    } else {
      store_->BindNull(13);
    }
    store_->Step();
  } catch (const std::exception& e) {
    RecordFailure(std::string("store: ") + e.what());
  }
}

CacheStats ResponseCache::Stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  AbandonRead();
  CacheStats stats;
  {
    SqliteStatement summary =
        db_->Prepare("SELECT COUNT(*), MIN(created_ms), MAX(created_ms) FROM responses");
    if (summary.Step()) {
      stats.entries = summary.ColumnInt64(0);
      if (!summary.ColumnIsNull(1)) stats.oldest = FromMillis(summary.ColumnInt64(1));
      if (!summary.ColumnIsNull(2)) stats.newest = FromMillis(summary.ColumnInt64(2));
    }
  }
  {
    SqliteStatement per_model =
        db_->Prepare("SELECT adapter, model, COUNT(*) FROM responses GROUP BY adapter, model");
    while (per_model.Step()) {
      std::string name = per_model.ColumnBytes(0);
      const std::string model = per_model.ColumnBytes(1);
      if (!model.empty()) name += "/" + model;
      stats.per_model[name] += per_model.ColumnInt64(2);
    }
  }
  stats.bytes = FileBytes();
  stats.hits = hits_.load();
  stats.misses = misses_.load();
  stats.failures = failures_.load();
  stats.last_failure = last_failure_;
  return stats;
}

void ResponseCache::Shrink() {
  db_->Exec("VACUUM");
  // VACUUM writes the whole database through the WAL; fold it back so the space on disk
  // actually shrinks. Another process reading at this moment just makes this a no-op.
  db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::int64_t ResponseCache::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  AbandonRead();
  db_->Exec("DELETE FROM responses");
  const std::int64_t removed = db_->Changes();
  Shrink();
  return removed;
}

std::int64_t ResponseCache::Prune(std::optional<std::chrono::seconds> older_than,
                                  std::optional<std::int64_t> max_bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  AbandonRead();
  std::int64_t removed = 0;
  if (older_than) {
    const std::int64_t cutoff =
        NowMillis() - std::chrono::duration_cast<std::chrono::milliseconds>(*older_than).count();
    SqliteStatement remove = db_->Prepare("DELETE FROM responses WHERE created_ms < ?1");
    remove.BindInt64(1, cutoff);
    remove.Step();
    removed += db_->Changes();
  }
  if (removed > 0 || max_bytes) Shrink();
  if (!max_bytes) return removed;
  // The file size is the truth but only moves after a VACUUM, so each round estimates
  // from row payloads how many of the oldest rows to drop, drops them, shrinks, and
  // measures again. Rounds are few: the estimate scales by the measured overhead.
  for (int round = 0; round < 16 && FileBytes() > *max_bytes; ++round) {
    std::vector<std::int64_t> newest_first;
    {
      SqliteStatement sizes = db_->Prepare(
          "SELECT length(output) + length(reasoning) + length(finish_reason) + "
          "length(served_model) + length(system_fingerprint) + "
          "coalesce(length(logprobs), 0) + length(adapter) + length(model) "
          "FROM responses ORDER BY created_ms DESC, rowid DESC");
      while (sizes.Step()) newest_first.push_back(sizes.ColumnInt64(0) + kRowOverheadBytes);
    }
    if (newest_first.empty()) break;
    std::int64_t payload = 0;
    for (std::int64_t size : newest_first) payload += size;
    const double overhead = static_cast<double>(FileBytes()) / static_cast<double>(payload);
    const double budget = static_cast<double>(*max_bytes) / std::max(1.0, overhead);
    std::size_t keep = 0;
    for (double used = 0; keep < newest_first.size(); ++keep) {
      used += static_cast<double>(newest_first[keep]);
      if (used > budget) break;
    }
    // Always make progress, even when the estimate says everything fits.
    const std::size_t drop = std::max<std::size_t>(1, newest_first.size() - keep);
    SqliteStatement remove = db_->Prepare(
        "DELETE FROM responses WHERE rowid IN (SELECT rowid FROM responses "
        "ORDER BY created_ms ASC, rowid ASC LIMIT ?1)");
    remove.BindInt64(1, static_cast<std::int64_t>(drop));
    remove.Step();
    removed += db_->Changes();
    Shrink();
  }
  return removed;
}

std::filesystem::path DefaultCachePath() {
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
  };
  if (std::string dir = env("KINSHIP_CACHE_DIR"); !dir.empty()) {
    return std::filesystem::path(dir) / "cache.sqlite";
  }
  if (std::string dir = env("XDG_CACHE_HOME"); !dir.empty()) {
    return std::filesystem::path(dir) / "kinship" / "cache.sqlite";
  }
  if (std::string home = env("HOME"); !home.empty()) {
    return std::filesystem::path(home) / ".cache" / "kinship" / "cache.sqlite";
  }
  throw ConfigError(
      "cannot place the response cache: none of KINSHIP_CACHE_DIR, XDG_CACHE_HOME, HOME is "
      "set; set one, or pass --cache FILE");
}

}  // namespace kinship
