#include "adapters/wire/wire_json.h"

namespace kinship {

std::optional<nlohmann::json> ParseJsonObject(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  return j;
}

std::string StringField(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return "";
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::int64_t CountField(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return -1;
  const auto it = j.find(key);
  if (it == j.end()) return -1;
  if (it->is_number_unsigned()) return static_cast<std::int64_t>(it->get<std::uint64_t>());
  if (it->is_number_integer()) {
    const auto v = it->get<std::int64_t>();
    return v >= 0 ? v : -1;
  }
  return -1;
}

const nlohmann::json* ObjectField(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

const nlohmann::json* ArrayField(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? &*it : nullptr;
}

std::int64_t WireSeed(std::uint64_t seed) {
  return static_cast<std::int64_t>(seed & 0x7fffffffULL);
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

void AddJsonHeaders(HttpHeaders* headers) {
  headers->emplace_back("Content-Type", "application/json");
  headers->emplace_back("Accept", "application/json");
}

}  // namespace kinship
