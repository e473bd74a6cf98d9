// Wire JSON: small tolerant readers for response bodies and the request-body pieces
// several codecs share. Responses from real servers omit fields, send null, or add new
// ones; these readers take what is there and never throw.
//
// Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "harness/core/http_message.h"

namespace kinship {

// The body parsed as a JSON object, or nullopt when it is not one (truncated, HTML, ...).
std::optional<nlohmann::json> ParseJsonObject(std::string_view body);

// j[key] when it is a string, else "".
std::string StringField(const nlohmann::json& j, std::string_view key);

// j[key] when it is a non-negative integer, else -1 (Completion's "not reported").
std::int64_t CountField(const nlohmann::json& j, std::string_view key);

// The object j[key], or nullptr when absent or not an object.
const nlohmann::json* ObjectField(const nlohmann::json& j, std::string_view key);

// The array j[key], or nullptr when absent or not an array.
const nlohmann::json* ArrayField(const nlohmann::json& j, std::string_view key);

// The seed as sent on the wire: the per-item seed folded to 31 bits, because some
// servers take the field as a signed 32-bit integer (Gemini) and reject larger values.
std::int64_t WireSeed(std::uint64_t seed);

// Compact JSON, UTF-8 passed through byte-exact (never \u-escaped), invalid UTF-8
// replaced rather than throwing, so building a request never fails.
std::string DumpJson(const nlohmann::json& j);

// Content-Type / Accept headers for a JSON POST.
void AddJsonHeaders(HttpHeaders* headers);

}  // namespace kinship
