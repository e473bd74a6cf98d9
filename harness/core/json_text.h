// Writing JSON text by hand, for the hot paths where building a DOM first (nlohmann) cost
// more than the work itself: one record line per request, one request body per request.
//
// AppendJsonString writes a quoted JSON string: UTF-8 passes through byte-exact (never
// \u-escaped); '"', '\\' and control characters are escaped (\b \f \n \r \t, others as
// \u00xx); each byte that is not part of well-formed UTF-8 becomes U+FFFD, because JSON
// text cannot carry it -- so the output is always valid JSON, and any JSON parser reads
// back exactly the input when the input was valid UTF-8.
// AppendJsonNumber writes the shortest text that reads back as the same double, with a
// ".0" on integral values (as nlohmann writes them), and null for NaN and infinities.
//
// Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

void AppendJsonString(std::string_view text, std::string* out);
void AppendJsonStringArray(const std::vector<std::string>& texts, std::string* out);
void AppendJsonNumber(double value, std::string* out);
void AppendJsonInteger(std::int64_t value, std::string* out);
void AppendJsonUnsigned(std::uint64_t value, std::string* out);

}  // namespace kinship
