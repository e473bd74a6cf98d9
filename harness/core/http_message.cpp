#include "harness/core/http_message.h"

#include "harness/core/ascii_case.h"

namespace kinship {

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  const std::string* value = FindHeader(name);
  return value != nullptr ? std::optional<std::string>(*value) : std::nullopt;
}

const std::string* HttpResponse::FindHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (AsciiEqualsIgnoreCase(key, name)) {
      return &value;
    }
  }
  return nullptr;
}

}  // namespace kinship
