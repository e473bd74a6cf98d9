#include "harness/core/json_plain_run.h"

#include <string>
#include <utility>

#include <catch2/catch.hpp>

using namespace kinship;

namespace {

// The byte-at-a-time definitions the word-at-a-time scans must agree with.
bool StopsPlainAscii(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }
bool StopsStringBytes(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

template <typename Stops>
std::size_t ReferenceEnd(const std::string& text, std::size_t from, Stops stops) {
  std::size_t pos = from;
  while (pos < text.size() && !stops(static_cast<unsigned char>(text[pos]))) ++pos;
  return pos;
}

bool ReferenceHighBytes(const std::string& text, std::size_t from, std::size_t end) {
  for (std::size_t pos = from; pos < end; ++pos) {
    if (static_cast<unsigned char>(text[pos]) >= 0x80) return true;
  }
  return false;
}

void CheckBothScans(const std::string& text, std::size_t from) {
  INFO("length " << text.size() << ", from " << from);
  CHECK(EndOfPlainAscii(text.data(), text.size(), from) == ReferenceEnd(text, from, StopsPlainAscii));
  bool high = false;
  const std::size_t end = EndOfStringBytes(text.data(), text.size(), from, &high);
  CHECK(end == ReferenceEnd(text, from, StopsStringBytes));
  CHECK(high == ReferenceHighBytes(text, from, end));
}

}  // namespace

TEST_CASE("The word-at-a-time scans agree with a byte-at-a-time scan for every byte at every position",
          "[json_plain_run]") {
  // Lengths around one and two words, every byte value at every position, with plain
  // filler (so the byte decides) and with a high-byte filler (so bytes after a stop in the
  // same word must not count as passed).
  for (std::size_t length : {0, 1, 7, 8, 9, 15, 16, 17, 24}) {
    for (char filler : {'a', '\xC3'}) {
      const std::string plain(length, filler);
      CheckBothScans(plain, 0);
      for (std::size_t at = 0; at < length; ++at) {
        for (int byte = 0; byte < 256; ++byte) {
          std::string text = plain;
          text[at] = static_cast<char>(byte);
          INFO("byte " << byte << " at " << at);
          CheckBothScans(text, 0);
          CheckBothScans(text, at / 2);
        }
      }
    }
  }
}

TEST_CASE("The scans stop at the first of several special bytes in one word", "[json_plain_run]") {
  // Two stops in the same word, in either order, and a high byte before and after a stop,
  // in whole words and in a tail shorter than a word.
  const std::pair<char, char> pairs[] = {{'"', '\\'}, {'\\', '\n'}, {'\x80', '"'}, {'"', '\xFF'},
                                         {'\x1F', '\x7F'}};
  for (std::size_t length : {9, 12, 17}) {
    for (std::size_t first = 0; first + 1 < length; ++first) {
      for (std::size_t second = first + 1; second < length; ++second) {
        for (const auto& [a, b] : pairs) {
          std::string text(length, 'x');
          text[first] = a;
          text[second] = b;
          INFO("'" << a << "' at " << first << ", '" << b << "' at " << second);
          CheckBothScans(text, 0);
        }
      }
    }
  }
}

TEST_CASE("EndOfStringBytes leaves an earlier high-byte finding in place", "[json_plain_run]") {
  const std::string text = "plain\"";
  bool high = true;  // set by an earlier run of the same string
  CHECK(EndOfStringBytes(text.data(), text.size(), 0, &high) == 5);
  CHECK(high);
}
