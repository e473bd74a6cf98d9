#include "harness/cache/exact_text.h"

#include <stdexcept>

#include "harness/core/utf8.h"

namespace kinship {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  throw std::invalid_argument("bad hex digit");
}

}  // namespace

nlohmann::json ExactTextToJson(const std::string& bytes) {
  if (IsValidUtf8(bytes)) return bytes;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 0xf];
  }
  return nlohmann::json{{"hex", std::move(hex)}};
}

std::string ExactTextFromJson(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  const std::string& hex = value.at("hex").get_ref<const std::string&>();
  if (hex.size() % 2 != 0) throw std::invalid_argument("odd-length hex text");
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    bytes += static_cast<char>(HexDigit(hex[i]) * 16 + HexDigit(hex[i + 1]));
  }
  return bytes;
}

}  // namespace kinship
