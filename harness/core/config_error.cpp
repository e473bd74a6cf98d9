#include "harness/core/config_error.h"

namespace kinship {

std::string SourceLocation::ToString() const {
  std::string out = file;
  if (line > 0) {
    out.append(":").append(std::to_string(line));
    if (column > 0) out.append(":").append(std::to_string(column));
  }
  return out;
}

static std::string Compose(const SourceLocation& where, const std::string& field,
                           const std::string& message) {
  std::string out = where.ToString();
  if (!out.empty()) out.append(": ");
  if (!field.empty()) out.append(field).append(": ");
  return out.append(message);
}

ConfigError::ConfigError(const SourceLocation& where, const std::string& field,
                         const std::string& message)
    : std::runtime_error(Compose(where, field, message)) {}

}  // namespace kinship
