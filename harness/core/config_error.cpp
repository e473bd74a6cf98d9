#include "harness/core/config_error.h"

namespace kinship {

std::string SourceLocation::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

static std::string Compose(const SourceLocation& where, const std::string& field,
                           const std::string& message) {
  std::string out;
  std::string place = where.ToString();
  if (!place.empty()) out += place + ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

ConfigError::ConfigError(const SourceLocation& where, const std::string& field,
                         const std::string& message)
    : std::runtime_error(Compose(where, field, message)) {}

}  // namespace kinship
