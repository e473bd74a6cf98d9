#include "harness/core/markdown_text.h"

#include <algorithm>

#include "harness/core/utf8.h"

namespace kinship {

std::string MarkdownInline(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = DecodeUtf8(text, &pos);
    switch (cp) {
      case '\\': case '|': case '`': case '*': case '_': case '[': case ']':
        out.push_back('\\');
        out.push_back(static_cast<char>(cp));
        break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n': case '\r': case '\t': out.push_back(' '); break;
      default:
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
          AppendUtf8(0xFFFD, &out);
        } else {
          AppendUtf8(cp, &out);  // invalid bytes arrive here as U+FFFD already
        }
    }
  }
  return out;
}

std::string MarkdownCodeBlock(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string out = fence + "text\n";
  out.append(text);
  if (text.empty() || text.back() != '\n') out += '\n';
  return out + fence + "\n";
}

}  // namespace kinship
