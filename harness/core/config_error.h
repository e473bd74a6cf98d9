// ConfigError: bad user input found before any request is sent -- flags, suite files,
// model files, missing key variables. It is the one exception type that crosses module
// boundaries; main() turns it into exit code 2. Messages follow the compiler convention
// "file:line:column: field: what is wrong; did you mean 'x'?" so editors can jump to it.
#pragma once

#include <stdexcept>
#include <string>

namespace kinship {

// Where a value came from. line and column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:column", "file:line", "file" or "" depending on what is known.
  std::string ToString() const;
};

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
  // "where: field: message" with empty parts left out.
  ConfigError(const SourceLocation& where, const std::string& field, const std::string& message);
};

}  // namespace kinship
