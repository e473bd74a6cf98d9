// ASCII case folding for protocol text: header names, URL schemes and hosts, option and
// unit names, y/n answers. Only 'A'-'Z' change; every other byte, UTF-8 included, is kept.
// (std::tolower would do the same in the "C" locale kinship runs in, but through a
// function call per byte, and it would follow a locale if one were ever set.)
#pragma once

#include <string>
#include <string_view>

namespace kinship {

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline void AsciiLowerInPlace(std::string& text) {
  for (char& c : text) c = AsciiLower(c);
}

inline std::string AsciiLowerCopy(std::string_view text) {
  std::string out(text);
  AsciiLowerInPlace(out);
  return out;
}

constexpr bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace kinship
