// Byte-exact text inside JSON. json::dump() refuses invalid UTF-8 (or, told to, replaces
// it), yet model output and tokens are bytes: a byte-level BPE token is often half a
// character. Valid UTF-8 stays a plain JSON string; anything else becomes
// {"hex": "<lower-case hex of the bytes>"}, so no two byte strings ever share a form.
// Stateless, thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kinship {

nlohmann::json ExactTextToJson(const std::string& bytes);
// Inverse of ExactTextToJson. Throws nlohmann::json::exception on other shapes.
std::string ExactTextFromJson(const nlohmann::json& value);

}  // namespace kinship
