#include "harness/cache/sqlite_db.h"

#include <sqlite3.h>

#include <random>
#include <stdexcept>
#include <thread>
#include <utility>

namespace kinship {

namespace {

// How long Step() keeps retrying SQLITE_BUSY after SQLite's own busy_timeout gave up.
// busy_timeout covers ordinary lock waits; this covers the cases where SQLite reports
// BUSY without calling its handler (e.g. a WAL snapshot that moved under a reader) and
// heavy write storms from many processes.
constexpr std::chrono::seconds kBusyDeadline{120};

void SleepBriefly(int attempt) {
  // Jittered so that competing processes do not retry in lockstep.
  thread_local std::minstd_rand rng(std::random_device{}());
  const int cap = std::min(50, 1 << std::min(attempt, 5));
  std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(rng() % cap)));
}

// Steps `stmt`, retrying while busy. Returns SQLITE_ROW, SQLITE_DONE or an error code.
int StepWithRetry(sqlite3_stmt* stmt) {
  const auto deadline = std::chrono::steady_clock::now() + kBusyDeadline;
  for (int attempt = 0;; ++attempt) {
    int rc = sqlite3_step(stmt);
    if (!IsSqliteBusy(rc) || std::chrono::steady_clock::now() >= deadline) return rc;
    sqlite3_reset(stmt);  // keeps the bindings; the statement restarts from scratch
    SleepBriefly(attempt);
  }
}

}  // namespace

bool IsSqliteBusy(int rc) {
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

SqliteDatabase SqliteDatabase::Open(const std::filesystem::path& file,
                                    std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  // NOMUTEX: the owner serialises access, so SQLite's own per-connection mutex is waste.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  SqliteDatabase out(db, file);  // closes `db` even when opening failed
  if (rc != SQLITE_OK) out.Fail("cannot open", rc);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  return out;
}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

SqliteDatabase::~SqliteDatabase() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

void SqliteDatabase::Fail(std::string_view what, int rc) const {
  std::string message = file_.string() + ": " + std::string(what) + ": ";
  if (db_ != nullptr && sqlite3_errcode(db_) == rc) {
    message += sqlite3_errmsg(db_);
  } else {
    message += sqlite3_errstr(rc);
  }
  throw std::runtime_error(message);
}

void SqliteDatabase::Exec(std::string_view sql) {
  // Statement by statement, so a busy retry never re-runs one that already succeeded.
  while (!sql.empty()) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    if (rc != SQLITE_OK) Fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'", rc);
    sql.remove_prefix(static_cast<std::size_t>(tail - sql.data()));
    if (raw == nullptr) continue;  // whitespace or a comment
    SqliteStatement statement(this, raw);
    while (statement.Step()) {
    }
  }
}

SqliteStatement SqliteDatabase::Prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) Fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'", rc);
  return SqliteStatement(this, raw);
}

std::int64_t SqliteDatabase::Changes() const { return sqlite3_changes64(db_); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

SqliteStatement& SqliteStatement::BindText(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->Fail("cannot bind a parameter", rc);
  return *this;
}

SqliteStatement& SqliteStatement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob from a null pointer would bind NULL; "" keeps it an empty blob.
  const char* data = bytes.empty() ? "" : bytes.data();
  int rc = sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->Fail("cannot bind a parameter", rc);
  return *this;
}

SqliteStatement& SqliteStatement::BindInt64(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_->Fail("cannot bind a parameter", rc);
  return *this;
}

SqliteStatement& SqliteStatement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_->Fail("cannot bind a parameter", rc);
  return *this;
}

bool SqliteStatement::Step() {
  int rc = StepWithRetry(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  db_->Fail(std::string("'") + std::string(std::string_view(sqlite3_sql(stmt_)).substr(0, 60)) +
                "' failed",
            rc);
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool SqliteStatement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::int64_t SqliteStatement::ColumnInt64(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string SqliteStatement::ColumnBytes(int index) const {
  // blob first, then bytes: the documented order that avoids a type conversion.
  const void* data = sqlite3_column_blob(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (data == nullptr || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace kinship
