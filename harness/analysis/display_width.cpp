#include "harness/analysis/display_width.h"

#include <unicode/uchar.h>

#include "harness/core/utf8.h"

namespace kinship {

namespace {

std::size_t CodePointWidth(char32_t cp) {
  if (cp < 0x80) return (cp < 0x20 || cp == 0x7F) ? 0 : 1;
  const UChar32 c = static_cast<UChar32>(cp);
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
}

}  // namespace

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      ++pos;
      width += CodePointWidth(byte);
    } else {
      width += CodePointWidth(DecodeUtf8(text, &pos));
    }
  }
  return width;
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = DecodeUtf8(text, &pos);
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      out.push_back(' ');
    } else if (IsControlOrDirectionOverride(cp)) {
      AppendUtf8(0xFFFD, &out);
    } else {
      AppendUtf8(cp, &out);
    }
  }
  return out;
}

std::string TruncateToWidth(std::string_view text, std::size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  std::string out;
  std::size_t used = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const std::size_t w = CodePointWidth(DecodeUtf8(text, &pos));
    if (used + w > width - 1) break;  // keep one column for the ellipsis
    out.append(text.substr(start, pos - start));
    used += w;
  }
  out += "…";
  return out;
}

std::string PadToWidth(std::string_view text, std::size_t width, bool align_right) {
  const std::size_t used = DisplayWidth(text);
  const std::string padding(used < width ? width - used : 0, ' ');
  return align_right ? padding + std::string(text) : std::string(text) + padding;
}

}  // namespace kinship
