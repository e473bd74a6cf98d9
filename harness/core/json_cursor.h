// JsonCursor: a forward-only reader of one JSON text, for the hot paths where building a
// DOM (nlohmann) cost more than the work: reading a record line, reading an answer body.
// The caller walks the document in order and says what it expects at each step; every
// Read* / Begin* returns false (and the cursor stays failed) on a syntax error or when the
// value there is of another kind, so a caller can stop and fall back to a full parser.
//
// Strings are unescaped (\uXXXX surrogate pairs included) into caller buffers; raw bytes
// must be well-formed UTF-8, as RFC 8259 and nlohmann require. Numbers are read with
// std::from_chars; ReadInt64/ReadUint64 accept only integer tokens.
//
// Not thread-safe (one cursor per text); the text must outlive the cursor.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kinship {

class JsonCursor {
 public:
  enum class Kind { kObject, kArray, kString, kNumber, kBool, kNull, kInvalid };

  explicit JsonCursor(std::string_view text) : text_(text) {}
  explicit JsonCursor(const char* text) : text_(text) {}
  explicit JsonCursor(std::string&&) = delete;  // the cursor would outlive its text

  // The kind of the next value (kInvalid at the end, on a syntax error, or after a failure).
  Kind Peek();

  // Objects: BeginObject(), then `while (NextKey(&key)) { read or Skip() the value }`.
  // NextKey returns false at the closing brace (consumed) or on an error (see failed()).
  // The key (unescaped) is valid until the next call on this cursor.
  bool BeginObject();
  bool NextKey(std::string_view* key);
  // Arrays: BeginArray(), then `while (NextElement()) { read or Skip() the element }`.
  bool BeginArray();
  bool NextElement();

  bool ReadString(std::string* out);
  bool ReadDouble(double* out);
  bool ReadInt64(std::int64_t* out);
  bool ReadUint64(std::uint64_t* out);
  bool ReadBool(bool* out);
  bool ReadNull();
  bool Skip();  // any one value, nested ones included

  // True when nothing but white space is left and no step failed.
  bool AtEnd();
  bool failed() const { return failed_; }

 private:
  void SkipSpace();
  bool Fail() {
    failed_ = true;
    return false;
  }
  bool Consume(char c);
  bool Literal(std::string_view word);
  bool NumberToken(std::string_view* token, bool* integral);
  bool AfterValue();  // after a value in a container: ',' (another follows) or the closer
  bool ReadHex4(std::uint32_t* out);

  std::string_view text_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  // Per open container: whether the first member was read ("," needed before the next).
  std::string stack_;  // 'o' object, 'a' array; upper case once a member has been read
  std::string key_buffer_;  // a key that had to be unescaped
};

// Compares a key read by NextKey with a name: a literal's length is known at compile time,
// so most mismatches cost one length comparison.
inline bool KeyIs(std::string_view key, std::string_view name) { return key == name; }

}  // namespace kinship
