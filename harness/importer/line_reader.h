// LineReader: reads a text file line by line in large blocks, so multi-hundred-megabyte
// JSONL inputs stream through a fixed amount of memory. Lines come without their '\n'
// (and without a trailing '\r'); a last line without '\n' is returned too. Every byte read
// is also fed to an optional Sha256Stream. Not thread-safe; throws ConfigError when the
// file cannot be opened or read.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "harness/core/hash.h"

namespace kinship {

class LineReader {
 public:
  LineReader(const std::filesystem::path& path, Sha256Stream* hasher);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, valid until the next call; false at the end of the file.
  bool Next(std::string_view* line);
  // 1-based number of the line last returned.
  int line_number() const { return line_number_; }

 private:
  bool Refill();

  std::FILE* file_ = nullptr;
  std::string path_;
  Sha256Stream* hasher_;
  std::string buffer_;
  std::size_t begin_ = 0;  // start of unread data in buffer_
  bool eof_ = false;
  int line_number_ = 0;
};

}  // namespace kinship
