// Helpers shared by the import sources: parse one JSON value out of a span of a file and
// read its fields, turning every problem into a ConfigError "file:line:col: field: message"
// so a bad row in a 250 MB file can be found and fixed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "harness/core/config_error.h"

namespace kinship {

// Throws ConfigError at the first byte of `text` that is not well-formed UTF-8 (with its
// column, counted from `where.column` or 1), naming `field`. Does nothing for valid text.
void RequireValidUtf8(std::string_view text, const SourceLocation& where,
                      const std::string& field);

// Parses `text` as one JSON object (after checking its UTF-8). Throws ConfigError at
// `where` when it is not one.
nlohmann::json ParseJsonObject(std::string_view text, const SourceLocation& where);

// The string field `name`; throws ConfigError when missing or not a string. `keys` lists
// the fields the format knows, for a did-you-mean when `name` is missing.
std::string RequireString(const nlohmann::json& row, const std::string& name,
                          const SourceLocation& where, const std::vector<std::string>& keys);
// The string field when present (null counts as absent); throws when of another type.
std::optional<std::string> OptionalString(const nlohmann::json& row, const std::string& name,
                                          const SourceLocation& where);
// An identifier field that may be written as a string or an integer (FastChat's
// question_id is 81, other benchmarks use "81"); nullopt when absent.
std::optional<std::string> OptionalId(const nlohmann::json& row, const std::string& name,
                                      const SourceLocation& where);

}  // namespace kinship
