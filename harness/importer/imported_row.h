// ImportedRow: one answer found in a file recorded outside kinship, in a shape common to
// every import format (jsonl, alpaca-eval, fastchat). Sources produce rows and hand them to
// a RowSink one at a time, so an import never holds a whole input file's rows at once.
// Plain data; the strings are the source's bytes, already checked to be valid UTF-8.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "harness/core/config_error.h"

namespace kinship {

struct ImportedRow {
  std::string model;
  std::string suite;        // "" means the import's --suite name
  std::string prompt_id;
  std::string prompt;       // the user turn's text ("" when the source does not carry it)
  std::string output;
  int sample = 0;
  std::optional<std::string> reference;
  SourceLocation where;     // the row's file and line, for error messages
};

// Receives each row; may throw ConfigError (a duplicate, a conflicting prompt text).
using RowSink = std::function<void(ImportedRow&& row)>;

}  // namespace kinship
