// A thin RAII layer over the SQLite C API: one connection (SqliteDatabase) and its
// prepared statements (SqliteStatement). It exists so the cache's SQL reads as SQL and
// every failure becomes one std::runtime_error naming the database file.
//
// Ownership: a statement borrows its database and must be destroyed first.
// Thread-safety: none; a connection and its statements belong to one thread at a time
// (the owner serialises access). Failures throw std::runtime_error("FILE: what: sqlite
// message"). SQLITE_BUSY is retried (after the connection's busy_timeout has already
// waited) until a generous deadline, because several processes may share one file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kinship {

class SqliteStatement;

class SqliteDatabase {
 public:
  // Opens (creating) the file read-write. busy_timeout is how long SQLite itself waits
  // on another connection's lock before reporting SQLITE_BUSY.
  static SqliteDatabase Open(const std::filesystem::path& file,
                             std::chrono::milliseconds busy_timeout);
  SqliteDatabase(SqliteDatabase&& other) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;
  ~SqliteDatabase();

  // Runs one or more statements that return no rows we need (DDL, PRAGMAs, BEGIN).
  void Exec(std::string_view sql);
  SqliteStatement Prepare(std::string_view sql);
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  std::int64_t Changes() const;

  const std::filesystem::path& file() const { return file_; }
  sqlite3* handle() const { return db_; }

  // Throws std::runtime_error("FILE: what: <sqlite message>") for result code `rc`.
  [[noreturn]] void Fail(std::string_view what, int rc) const;

 private:
  SqliteDatabase(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}

  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQLite. Bound bytes are copied (SQLITE_TRANSIENT).
  SqliteStatement& BindText(int index, std::string_view text);
  SqliteStatement& BindBlob(int index, std::string_view bytes);
  SqliteStatement& BindInt64(int index, std::int64_t value);
  SqliteStatement& BindNull(int index);

  // Advances: true when a row is available, false when done. Retries SQLITE_BUSY.
  bool Step();
  // Ready to run again; bindings are cleared too.
  void Reset();

  bool ColumnIsNull(int index) const;
  std::int64_t ColumnInt64(int index) const;
  // The column's bytes, exactly (embedded NULs included).
  std::string ColumnBytes(int index) const;

 private:
  friend class SqliteDatabase;
  SqliteStatement(const SqliteDatabase* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  const SqliteDatabase* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// True for SQLITE_BUSY and SQLITE_LOCKED, including their extended codes.
bool IsSqliteBusy(int rc);

}  // namespace kinship
