// Finding where a run of bytes that a JSON string carries as they are ends, eight bytes at
// a time. The JSON writer (json_text) and reader (json_cursor) spend most of their time
// looking for the next byte that needs attention -- '"', '\\', a control character and,
// for the writer, any byte >= 0x80 (the start of UTF-8 that must be checked) -- in text
// that usually has none for dozens of bytes. A byte-at-a-time loop cost about ten
// instructions a byte; testing a 64-bit word at once costs about two.
//
// Each word is tested byte-exactly (no carry crosses a byte, so no false positives in
// later bytes either): the result is the same as testing byte by byte. Words are loaded
// with memcpy (no alignment or aliasing assumptions) and never past the end: a tail of
// fewer than eight bytes is tested as the text's last eight bytes (the ones already tested
// masked off), or one byte at a time when the whole text is shorter than a word.
//
// Header-only so the scan inlines into its callers' loops. Free functions; thread-safe.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kinship {

namespace json_plain_run_detail {

constexpr std::uint64_t Repeat(unsigned char byte) { return 0x0101010101010101ULL * byte; }
constexpr std::uint64_t kHighBits = Repeat(0x80);

// The high bit of each byte of `word` that is < 0x20, '"' or '\\' (bytes >= 0x80 are not
// marked). Works on the low seven bits, where adding at most 0x7F cannot carry out of a
// byte, then drops the bytes whose own high bit is set.
constexpr std::uint64_t SpecialAsciiBits(std::uint64_t word) {
  const std::uint64_t low7 = word & ~kHighBits;
  const std::uint64_t at_least_0x20 = low7 + Repeat(0x80 - 0x20);
  const std::uint64_t not_quote = (low7 ^ Repeat('"')) + Repeat(0x7F);
  const std::uint64_t not_backslash = (low7 ^ Repeat('\\')) + Repeat(0x7F);
  return ~(at_least_0x20 & not_quote & not_backslash) & ~word & kHighBits;
}

inline std::uint64_t LoadWord(const char* data) {
  std::uint64_t word;
  std::memcpy(&word, data, sizeof word);
  return word;
}

// The index of the first byte (in memory order) whose marker bit is set; `bits` != 0.
inline std::size_t FirstMarkedByte(std::uint64_t bits) {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::size_t>(std::countr_zero(bits)) / 8;
  } else {
    return static_cast<std::size_t>(std::countl_zero(bits)) / 8;
  }
}

// The marker bits of the first `count` bytes (in memory order) of a word, count in [0, 8).
inline std::uint64_t FirstBytesMask(std::size_t count) {
  const std::uint64_t low = (std::uint64_t{1} << (8 * count)) - 1;
  if constexpr (std::endian::native == std::endian::little) {
    return low;
  } else {
    return ~(~std::uint64_t{0} >> (8 * count));
  }
}

inline bool IsSpecialAscii(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

}  // namespace json_plain_run_detail

// The offset of the first byte at or after `from` in data[0, size) that is < 0x20, '"',
// '\\' or >= 0x80 (what AppendJsonString cannot copy as it is); `size` when there is none.
inline std::size_t EndOfPlainAscii(const char* data, std::size_t size, std::size_t from) {
  using namespace json_plain_run_detail;
  std::size_t pos = from;
  for (; pos + 8 <= size; pos += 8) {
    const std::uint64_t word = LoadWord(data + pos);
    const std::uint64_t marked = SpecialAsciiBits(word) | (word & kHighBits);
    if (marked != 0) return pos + FirstMarkedByte(marked);
  }
  if (pos < size && size >= 8) {  // the tail as the last word, its checked bytes ignored
    const std::size_t last = size - 8;
    const std::uint64_t word = LoadWord(data + last);
    const std::uint64_t marked =
        (SpecialAsciiBits(word) | (word & kHighBits)) & ~FirstBytesMask(pos - last);
    return marked != 0 ? last + FirstMarkedByte(marked) : size;
  }
  for (; pos < size; ++pos) {
    const auto c = static_cast<unsigned char>(data[pos]);
    if (IsSpecialAscii(c) || c >= 0x80) return pos;
  }
  return size;
}

// The offset of the first byte at or after `from` in data[0, size) that is < 0x20, '"' or
// '\\' (where JsonCursor must stop reading a string's raw bytes); `size` when there is
// none. Sets *high_bytes when a byte >= 0x80 was passed on the way (the caller then checks
// the string is valid UTF-8); leaves it alone otherwise.
inline std::size_t EndOfStringBytes(const char* data, std::size_t size, std::size_t from,
                                    bool* high_bytes) {
  using namespace json_plain_run_detail;
  std::uint64_t seen = 0;
  std::size_t pos = from;
  for (; pos + 8 <= size; pos += 8) {
    const std::uint64_t word = LoadWord(data + pos);
    const std::uint64_t marked = SpecialAsciiBits(word);
    if (marked != 0) {
      const std::size_t first = FirstMarkedByte(marked);
      seen |= word & FirstBytesMask(first);
      if ((seen & kHighBits) != 0) *high_bytes = true;
      return pos + first;
    }
    seen |= word;
  }
  if (pos < size && size >= 8) {  // the tail as the last word, its checked bytes ignored
    const std::size_t last = size - 8;
    const std::uint64_t word = LoadWord(data + last) & ~FirstBytesMask(pos - last);
    const std::uint64_t marked = SpecialAsciiBits(word) & ~FirstBytesMask(pos - last);
    const std::size_t end = marked != 0 ? last + FirstMarkedByte(marked) : size;
    seen |= marked != 0 ? word & FirstBytesMask(end - last) : word;
    if ((seen & kHighBits) != 0) *high_bytes = true;
    return end;
  }
  if ((seen & kHighBits) != 0) *high_bytes = true;
  for (; pos < size; ++pos) {
    const auto c = static_cast<unsigned char>(data[pos]);
    if (IsSpecialAscii(c)) return pos;
    if (c >= 0x80) *high_bytes = true;
  }
  return size;
}

}  // namespace kinship
