#include "harness/importer/row_fields.h"

#include <algorithm>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "harness/core/did_you_mean.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

// The byte offset of the first ill-formed UTF-8 sequence, or npos.
std::size_t FirstInvalidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {  // the common case, kept out of the decoder for speed
      ++pos;
      continue;
    }
    std::size_t start = pos;
    char32_t cp = DecodeUtf8(text, &pos);
    if (cp == 0xFFFD) {
      // U+FFFD may be written literally (EF BF BD); anything else decoding to it is bad.
      if (!(pos - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD")) return start;
    }
  }
  return std::string_view::npos;
}

}  // namespace

void RequireValidUtf8(std::string_view text, const SourceLocation& where,
                      const std::string& field) {
  std::size_t bad = FirstInvalidUtf8(text);
  if (bad == std::string_view::npos) return;
  SourceLocation at = where;
  at.column = (where.column > 0 ? where.column : 1) + static_cast<int>(bad);
  throw ConfigError(at, field,
                    fmt::format("invalid UTF-8 (byte 0x{:02X}); text must be UTF-8",
                                static_cast<unsigned char>(text[bad])));
}

nlohmann::json ParseJsonObject(std::string_view text, const SourceLocation& where) {
  nlohmann::json row = nlohmann::json::parse(text, nullptr, false);
  if (row.is_discarded()) {
    // The parser refuses ill-formed UTF-8 too; look for it only now, on the error path,
    // so the valid rows of a large file are scanned once, by the parser.
    RequireValidUtf8(text, where, "");
    // Parse again with exceptions only on the slow path, for the parser's own position.
    try {
      nlohmann::json unused = nlohmann::json::parse(text);
      (void)unused;
    } catch (const nlohmann::json::parse_error& e) {
      SourceLocation at = where;
      at.column = (where.column > 0 ? where.column : 1) + static_cast<int>(e.byte) - 1;
      throw ConfigError(at, "", "not valid JSON");
    }
    throw ConfigError(where, "", "not valid JSON");
  }
  if (!row.is_object()) throw ConfigError(where, "", "expected a JSON object");
  return row;
}

std::string RequireString(const nlohmann::json& row, const std::string& name,
                          const SourceLocation& where, const std::vector<std::string>& keys) {
  auto it = row.find(name);
  if (it != row.end() && it->is_null()) {
    // A failed generation is often recorded as null: say that the value, not the key, is
    // the problem.
    throw ConfigError(where, name, "is null; expected a string (an empty answer is \"\")");
  }
  if (it == row.end()) {
    std::string hint;
    for (const auto& item : row.items()) {
      if (std::find(keys.begin(), keys.end(), item.key()) != keys.end()) continue;
      if (EditDistance(item.key(), name) <= std::max<int>(1, name.size() / 3)) {
        hint = "; found '" + item.key() + "': did you mean '" + name + "'?";
        break;
      }
    }
    throw ConfigError(where, name, "missing required field" + hint);
  }
  if (!it->is_string()) throw ConfigError(where, name, "expected a string");
  return it->get<std::string>();
}

std::optional<std::string> OptionalString(const nlohmann::json& row, const std::string& name,
                                          const SourceLocation& where) {
  auto it = row.find(name);
  if (it == row.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw ConfigError(where, name, "expected a string");
  return it->get<std::string>();
}

std::optional<std::string> OptionalId(const nlohmann::json& row, const std::string& name,
                                      const SourceLocation& where) {
  auto it = row.find(name);
  if (it == row.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  throw ConfigError(where, name, "expected a string or an integer");
}

}  // namespace kinship
