#include "harness/core/json_text.h"

#include <charconv>
#include <cmath>

#include "harness/core/json_plain_run.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

void AppendEscaped(unsigned char c, std::string* out) {
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out->append(escape, sizeof escape);
    }
  }
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Printable ASCII other than '"' and '\\' is copied as it is, a whole run at a time.
    const std::size_t run = EndOfPlainAscii(text.data(), text.size(), pos);
    out->append(text.data() + pos, run - pos);
    pos = run;
    if (pos == text.size()) break;
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      AppendEscaped(c, out);
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    if (cp == 0xFFFD && pos == start + 1) {
      AppendUtf8(cp, out);  // an invalid byte (U+FFFD itself is three bytes long)
    } else {
      out->append(text.data() + start, pos - start);
    }
  }
  out->push_back('"');
}

void AppendJsonStringArray(const std::vector<std::string>& texts, std::string* out) {
  out->push_back('[');
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(texts[i], out);
  }
  out->push_back(']');
}

void AppendJsonNumber(double value, std::string* out) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  const std::string_view digits(buffer, static_cast<std::size_t>(result.ptr - buffer));
  out->append(digits);
  if (digits.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

void AppendJsonInteger(std::int64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

void AppendJsonUnsigned(std::uint64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

}  // namespace kinship
