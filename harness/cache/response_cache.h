// The response cache: answers already received, so a rerun (or a second suite asking
// the same thing) costs no tokens. ARCHITECTURE.md §4.
//
// Storage is one SQLite file in WAL mode: many readers and one writer at a time, across
// threads of this process and across processes (two `kinship run`s may share a cache).
// The engine calls Lookup(key) before sending an item and Store(key, ...) after an ok
// answer; keys come from ResponseCacheKey (response_cache_key.h).
//
// What is stored: ok completions only (errors are never cached: a timeout today must be
// retried tomorrow), with every field a record needs, byte-exact; the model's adapter
// and backend model id for `kinship cache stats`; the time it was stored. Never a
// secret: neither keys nor rows contain one (see response_cache_key.h).
//
// Ownership and threads: one ResponseCache per process, shared by pointer; every method
// is thread-safe (one connection behind a mutex; SQLite itself serialises writers, so
// more connections would not make stores faster, and a lookup holds the mutex ~5 us).
// Consecutive lookups share one read snapshot for up to 50 ms, so an answer another
// process stored within that window may be missed once (a resend, never a wrong answer).
//
// Failures: Open and the maintenance calls (Stats, Clear, Prune) throw
// std::runtime_error naming the file. Lookup and Store never throw: a cache that fails
// is a miss, not a lost batch; failures are counted and the last one kept in Stats().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

class SqliteDatabase;
class SqliteStatement;

// The on-disk layout version this build writes. A file with a newer one is refused.
inline constexpr int kCacheSchemaVersion = 1;

struct CacheStats {
  std::int64_t entries = 0;
  std::int64_t bytes = 0;           // the database file plus its WAL, as on disk
  std::int64_t hits = 0;            // this process's lookups since Open
  std::int64_t misses = 0;
  std::int64_t failures = 0;        // lookups/stores that failed (treated as misses/skips)
  std::string last_failure;         // the most recent failure's message, if any
  std::optional<std::chrono::system_clock::time_point> oldest;  // nullopt when empty
  std::optional<std::chrono::system_clock::time_point> newest;
  std::map<std::string, std::int64_t> per_model;  // "adapter/model" -> entries
};

class ResponseCache {
 public:
  // Where "now" comes from; tests pin it to exercise Prune by age.
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Opens the cache file, creating its folders and schema when missing, in WAL mode
  // with a busy timeout. Throws std::runtime_error naming the file when it cannot be
  // created or opened, is not a database, or has a newer schema than this build.
  static std::unique_ptr<ResponseCache> Open(const std::filesystem::path& file,
                                             Clock clock = nullptr);
  ~ResponseCache();
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The stored completion for `key` (ok == true), or nullopt. Counts a hit or a miss.
  std::optional<Completion> Lookup(const std::string& key);

  // Stores `completion` under `key`, replacing any previous entry, when it is ok;
  // an error completion is ignored. `model` names the entry in Stats (adapter/model).
  void Store(const std::string& key, const ModelConfig& model, const Completion& completion);

  CacheStats Stats();
  // Removes every entry and shrinks the file. Returns how many entries went.
  std::int64_t Clear();
  // Removes entries stored more than `older_than` ago, then, oldest first, enough more
  // that the file (with its WAL) fits in `max_bytes`, and shrinks the file (VACUUM).
  // Either limit may be absent. Returns how many entries went.
  std::int64_t Prune(std::optional<std::chrono::seconds> older_than,
                     std::optional<std::int64_t> max_bytes);

  const std::filesystem::path& file() const { return file_; }

 private:
  ResponseCache(std::filesystem::path file, Clock clock);
  void OpenAndMigrate();
  std::int64_t NowMillis() const;
  std::int64_t FileBytes() const;
  void Shrink();  // VACUUM, then fold the WAL back into the file
  void RecordFailure(const std::string& message);
  // Lets go of the read snapshot that consecutive lookups share, if one is held.
  void AbandonRead();

  const std::filesystem::path file_;
  const Clock clock_;
  std::mutex mutex_;  // guards db_, the statements and last_failure_
  std::unique_ptr<SqliteDatabase> db_;
  std::unique_ptr<SqliteStatement> lookup_;
  std::unique_ptr<SqliteStatement> store_;
  std::atomic<std::int64_t> hits_{0};
  std::atomic<std::int64_t> misses_{0};
  std::atomic<std::int64_t> failures_{0};
  std::string last_failure_;
  bool reading_ = false;  // a read transaction is open (see kReadSnapshotLifetime)
  std::chrono::steady_clock::time_point read_started_;
};

// $KINSHIP_CACHE_DIR/cache.sqlite, else $XDG_CACHE_HOME/kinship/cache.sqlite, else
// $HOME/.cache/kinship/cache.sqlite. Empty variables count as unset. Throws ConfigError
// when none of the three is set.
std::filesystem::path DefaultCachePath();

}  // namespace kinship
