// A data file compiled into the binary by cmake/EmbedFiles.cmake. The bytes live in
// static storage for the whole process, so the views never dangle. Read-only; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace kinship {

struct EmbeddedFile {
  std::string_view name;  // the file's stem: "cheerful" for corpora/cheerful.txt
  std::string_view data;  // the exact bytes
};

}  // namespace kinship
