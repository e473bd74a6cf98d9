#include "harness/core/json_cursor.h"

#include <algorithm>
#include <charconv>

#include "harness/core/json_plain_run.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

constexpr std::size_t kMaxDepth = 256;
// The largest skipped-string scratch kept per thread between Skip calls.
constexpr std::size_t kKeptScratch = 64 * 1024;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void JsonCursor::SkipSpace() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
    ++pos_;
  }
}

bool JsonCursor::Consume(char c) {
  SkipSpace();
  if (pos_ >= text_.size() || text_[pos_] != c) return Fail();
  ++pos_;
  return true;
}

bool JsonCursor::Literal(std::string_view word) {
  SkipSpace();
  if (text_.substr(pos_, word.size()) != word) return Fail();
  pos_ += word.size();
  return true;
}

JsonCursor::Kind JsonCursor::Peek() {
  SkipSpace();
  if (failed_ || pos_ >= text_.size()) return Kind::kInvalid;
  switch (text_[pos_]) {
    case '{': return Kind::kObject;
    case '[': return Kind::kArray;
    case '"': return Kind::kString;
    case 't':
    case 'f': return Kind::kBool;
    case 'n': return Kind::kNull;
    default: return text_[pos_] == '-' || IsDigit(text_[pos_]) ? Kind::kNumber : Kind::kInvalid;
  }
}

bool JsonCursor::BeginObject() {
  if (failed_ || stack_.size() >= kMaxDepth || !Consume('{')) return Fail();
  stack_.push_back('o');
  return true;
}

bool JsonCursor::BeginArray() {
  if (failed_ || stack_.size() >= kMaxDepth || !Consume('[')) return Fail();
  stack_.push_back('a');
  return true;
}

// In an open container of kind `open` ('o' or 'a'): false at its closer (consumed; the
// container is done) or on an error; true when another member follows (its comma consumed).
bool JsonCursor::AfterValue() {
  if (failed_ || stack_.empty()) return Fail();
  const char top = stack_.back();
  const bool object = top == 'o' || top == 'O';
  const bool first = top == 'o' || top == 'a';
  SkipSpace();
  if (pos_ >= text_.size()) return Fail();
  if (text_[pos_] == (object ? '}' : ']')) {
    ++pos_;
    stack_.pop_back();
    return false;
  }
  if (!first && !Consume(',')) return false;
  stack_.back() = object ? 'O' : 'A';
  return true;
}

// One tight pass over "[,] "key" :" on locals: keys are read several dozen times per
// request, and going through AfterValue/Consume/SkipSpace cost ~230 instructions a key.
bool JsonCursor::NextKey(std::string_view* key) {
  if (failed_ || stack_.empty() || (stack_.back() != 'o' && stack_.back() != 'O')) return Fail();
  const char* const data = text_.data();
  const std::size_t size = text_.size();
  auto skip_space = [&](std::size_t p) {
    while (p < size && (data[p] == ' ' || data[p] == '\n' || data[p] == '\r' || data[p] == '\t')) ++p;
    return p;
  };
  std::size_t p = skip_space(pos_);
  if (p >= size) return Fail();
  if (data[p] == '}') {
    pos_ = p + 1;
    stack_.pop_back();
    return false;
  }
  if (stack_.back() == 'O') {
    if (data[p] != ',') return Fail();
    p = skip_space(p + 1);
  }
  stack_.back() = 'O';
  if (p >= size || data[p] != '"') return Fail();
  // Keys are short plain ASCII almost always: a view into the text, nothing copied.
  const std::size_t end = EndOfPlainAscii(data, size, p + 1);
  if (end < size && data[end] == '"') {
    *key = std::string_view(data + p + 1, end - p - 1);
    p = end + 1;
  } else {
    pos_ = p;
    if (!ReadString(&key_buffer_)) return false;
    *key = key_buffer_;
    p = pos_;
  }
  p = skip_space(p);
  if (p >= size || data[p] != ':') return Fail();
  pos_ = p + 1;
  return true;
}

bool JsonCursor::NextElement() {
  if (failed_ || stack_.empty() || (stack_.back() != 'a' && stack_.back() != 'A')) return Fail();
  return AfterValue();
}

bool JsonCursor::ReadHex4(std::uint32_t* out) {
  if (pos_ + 4 > text_.size()) return Fail();
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[pos_++];
    value <<= 4;
    if (IsDigit(c)) {
      value |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      value |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      value |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return Fail();
    }
  }
  *out = value;
  return true;
}

bool JsonCursor::ReadString(std::string* out) {
  if (failed_ || !Consume('"')) return Fail();
  out->clear();
  bool high_bytes = false;
  for (;;) {
    // The scan runs on locals: stores into *out may alias the members (char data aliases
    // everything), which made the compiler reload text_ and pos_ on every byte.
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    const std::size_t start = pos_;
    const std::size_t end = EndOfStringBytes(data, size, start, &high_bytes);
    pos_ = end;
    out->append(data + start, end - start);
    if (pos_ >= text_.size() || static_cast<unsigned char>(text_[pos_]) < 0x20) return Fail();
    if (text_[pos_++] == '"') break;
    if (pos_ >= text_.size()) return Fail();
    const char escape = text_[pos_++];
    switch (escape) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        std::uint32_t unit = 0;
        if (!ReadHex4(&unit)) return false;
        char32_t cp = unit;
        if (unit >= 0xD800 && unit <= 0xDBFF) {  // a high surrogate: its low half must follow
          std::uint32_t low = 0;
          if (text_.substr(pos_, 2) != "\\u") return Fail();
          pos_ += 2;
          if (!ReadHex4(&low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) return Fail();
          cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
          return Fail();  // a lone low surrogate
        }
        AppendUtf8(cp, out);
        break;
      }
      default: return Fail();
    }
  }
  if (high_bytes && !IsValidUtf8(*out)) return Fail();
  return true;
}

bool JsonCursor::NumberToken(std::string_view* token, bool* integral) {
  SkipSpace();
  const std::size_t start = pos_;
  auto digits = [&] {
    const std::size_t from = pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    return pos_ > from;
  };
  if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '0') {
    ++pos_;
  } else if (!digits()) {
    return Fail();
  }
  *integral = true;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    *integral = false;
    if (!digits()) return Fail();
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    *integral = false;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (!digits()) return Fail();
  }
  *token = text_.substr(start, pos_ - start);
  return true;
}

bool JsonCursor::ReadDouble(double* out) {
  std::string_view token;
  bool integral = false;
  if (failed_ || !NumberToken(&token, &integral)) return Fail();
  const auto result = std::from_chars(token.data(), token.data() + token.size(), *out);
  return result.ec == std::errc() ? true : Fail();
}

bool JsonCursor::ReadInt64(std::int64_t* out) {
  std::string_view token;
  bool integral = false;
  if (failed_ || !NumberToken(&token, &integral) || !integral) return Fail();
  const auto result = std::from_chars(token.data(), token.data() + token.size(), *out);
  return result.ec == std::errc() ? true : Fail();
}

bool JsonCursor::ReadUint64(std::uint64_t* out) {
  std::string_view token;
  bool integral = false;
  if (failed_ || !NumberToken(&token, &integral) || !integral || token[0] == '-') return Fail();
  const auto result = std::from_chars(token.data(), token.data() + token.size(), *out);
  return result.ec == std::errc() ? true : Fail();
}

bool JsonCursor::ReadBool(bool* out) {
  if (Peek() != Kind::kBool) return Fail();
  *out = text_[pos_] == 't';
  return Literal(*out ? "true" : "false");
}

bool JsonCursor::ReadNull() { return Peek() == Kind::kNull ? Literal("null") : Fail(); }

bool JsonCursor::Skip() {
  switch (Peek()) {
    case Kind::kObject: {
      if (!BeginObject()) return false;
      std::string_view key;
      while (NextKey(&key)) {
        if (!Skip()) return false;
      }
      return !failed_;
    }
    case Kind::kArray: {
      if (!BeginArray()) return false;
      while (NextElement()) {
        if (!Skip()) return false;
      }
      return !failed_;
    }
    case Kind::kString: {
      // A skipped string is still checked as ReadString checks it (so both readers accept
      // the same texts). Without escapes that is done in place; with them it is read into
      // a per-thread scratch that keeps its capacity (skipping an answer's "id" allocated
      // once per request). A rare huge string is not kept.
      bool high_bytes = false;
      const std::size_t end = EndOfStringBytes(text_.data(), text_.size(), pos_ + 1, &high_bytes);
      if (end < text_.size() && text_[end] == '"') {
        if (high_bytes && !IsValidUtf8(text_.substr(pos_ + 1, end - pos_ - 1))) return Fail();
        pos_ = end + 1;
        return true;
      }
      thread_local std::string ignored;
      const bool ok = ReadString(&ignored);
      if (ignored.capacity() > kKeptScratch) std::string().swap(ignored);
      return ok;
    }
    case Kind::kNumber: {
      // Checked as ReadDouble checks it, which refuses what a double cannot hold (as
      // nlohmann does for overflow). Without an exponent and with fewer than 300
      // characters a number is within a double's range, so only the grammar is checked.
      std::string_view token;
      bool integral = false;
      if (!NumberToken(&token, &integral)) return Fail();
      const bool exponent = std::any_of(token.begin(), token.end(), [](char c) { return c == 'e' || c == 'E'; });
      if (token.size() < 300 && !exponent) return true;
      double ignored = 0;
      const auto result = std::from_chars(token.data(), token.data() + token.size(), ignored);
      return result.ec == std::errc() ? true : Fail();
    }
    case Kind::kBool: {
      bool ignored = false;
      return ReadBool(&ignored);
    }
    case Kind::kNull: return ReadNull();
    case Kind::kInvalid: return Fail();
  }
  return Fail();
}

bool JsonCursor::AtEnd() {
  SkipSpace();
  return !failed_ && stack_.empty() && pos_ == text_.size();
}

}  // namespace kinship
