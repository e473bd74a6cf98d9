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

// The values written most often -- latencies in milliseconds with nanosecond resolution,
// temperatures like 0.7 -- have a few decimals. For those the shortest round-trip text is
// found directly: the fewest decimals k whose rounded value m / 10^k reads back as the
// same double. std::to_chars(double) cost ~600 instructions a value; this costs ~100.
//
// Why it is the text std::to_chars writes: with 0.1 <= |value| < 2^20 the doubles near
// value are closer than 10^-9 apart, so for each k <= 9 at most one m reads back, and
// value * 10^k is computed within 0.2 of the exact product, so that m is found whenever
// it exists; fewer decimals are fewer significant digits; and for a non-integral value in
// that range the fixed form is shorter than the scientific one. Anything else (integral
// values, which to_chars may write as "1e+06", tiny or huge ones, more decimals) returns
// false and goes through std::to_chars.
bool AppendFewDecimals(double value, std::string* out) {
  constexpr int kMaxDecimals = 9;
  static constexpr double kScale[kMaxDecimals + 1] = {1,   1e1, 1e2, 1e3, 1e4,
                                                      1e5, 1e6, 1e7, 1e8, 1e9};
  const double magnitude = std::fabs(value);
  if (!(magnitude >= 0.1 && magnitude < 1048576.0) || magnitude == std::floor(magnitude)) {
    return false;
  }
  for (int decimals = 1; decimals <= kMaxDecimals; ++decimals) {
    const double scale = kScale[decimals];
    const auto scaled = static_cast<std::uint64_t>(magnitude * scale + 0.5);
    if (static_cast<double>(scaled) / scale != magnitude) continue;
    const auto divisor = static_cast<std::uint64_t>(scale);
    char buffer[32];
    char* end = buffer;
    if (value < 0) *end++ = '-';
    end = std::to_chars(end, buffer + sizeof buffer, scaled / divisor).ptr;
    *end++ = '.';
    std::uint64_t fraction = scaled % divisor;
    for (int i = decimals - 1; i >= 0; --i) {
      end[i] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    out->append(buffer, static_cast<std::size_t>(end + decimals - buffer));
    return true;
  }
  return false;
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
  if (AppendFewDecimals(value, out)) return;
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
