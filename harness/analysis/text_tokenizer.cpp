#include "harness/analysis/text_tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "harness/core/utf8.h"

namespace kinship {

namespace {

enum class CharClass {
  kLetter,      // part of a word
  kMark,        // combining mark: stays in the word it follows
  kDigit,       // part of a digit run
  kOwnToken,    // a token by itself (Han, kana, Hangul)
  kApostrophe,  // kept only between two letters
  kDrop,        // removed without splitting (harakat, tatweel, joiners)
  kSeparator,
};

bool InArabicBlocks(char32_t cp) {
  return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
         (cp >= 0x08A0 && cp <= 0x08FF);
}

CharClass ClassifyAscii(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  if (c == '\'') return CharClass::kApostrophe;
  return CharClass::kSeparator;
}

CharClass ClassifyNonAscii(char32_t cp) {
  const UChar32 c = static_cast<UChar32>(cp);
  if (cp == 0x0640) return CharClass::kDrop;  // tatweel: pure elongation, no letter
  if (cp == 0x2019) return CharClass::kApostrophe;
  if (cp == 0x200B) return CharClass::kSeparator;  // zero-width space separates words
  const int8_t type = u_charType(c);
  switch (type) {
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      // Arabic blocks hold only harakat and Quranic annotation marks; dropping them makes
      // vocalised and unvocalised spellings equal, as readers treat them.
      return InArabicBlocks(cp) ? CharClass::kDrop : CharClass::kMark;
    case U_FORMAT_CHAR:
      return CharClass::kDrop;
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    default:
      break;
  }
  if (!u_isalpha(c) && !u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return CharClass::kSeparator;
  UErrorCode error = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &error);
  if (U_SUCCESS(error) && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
                           script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL)) {
    return CharClass::kOwnToken;
  }
  // The kana prolonged sound mark and iteration marks are script Common but belong to the
  // character-per-token scripts.
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || cp == 0x30FC || cp == 0x3005) {
    return CharClass::kOwnToken;
  }
  return CharClass::kLetter;
}

// Decodes and classifies the code point at *pos, advancing past it.
CharClass Next(std::string_view text, std::size_t* pos, char32_t* cp) {
  const unsigned char byte = static_cast<unsigned char>(text[*pos]);
  if (byte < 0x80) {  // ASCII fast path: no decoding, no ICU
    ++*pos;
    *cp = (byte >= 'A' && byte <= 'Z') ? byte + ('a' - 'A') : byte;
    return ClassifyAscii(static_cast<char>(byte));
  }
  *cp = DecodeUtf8(text, pos);
  CharClass cls = ClassifyNonAscii(*cp);
  if (cls == CharClass::kLetter) {
    *cp = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(*cp), U_FOLD_CASE_DEFAULT));
  }
  return cls;
}

}  // namespace

void ForEachWordToken(std::string_view text, void* context, WordTokenSink sink) {
  enum class Kind { kNone, kWord, kDigits };
  Kind kind = Kind::kNone;
  // One buffer for every token: after the first few tokens it never reallocates.
  std::string current;
  current.reserve(64);
  auto flush = [&] {
    if (!current.empty()) sink(context, current);
    current.clear();
    kind = Kind::kNone;
  };
  auto append = [&](char32_t cp) {
    if (cp < 0x80) {
      current.push_back(static_cast<char>(cp));
    } else {
      AppendUtf8(cp, &current);
    }
  };

  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    const CharClass cls = Next(text, &pos, &cp);
    switch (cls) {
      case CharClass::kLetter:
        if (kind != Kind::kWord) flush();
        kind = Kind::kWord;
        append(cp);
        break;
      case CharClass::kMark:
        if (kind == Kind::kWord) append(cp);  // a stray leading mark carries no word
        break;
      case CharClass::kDigit:
        if (kind != Kind::kDigits) flush();
        kind = Kind::kDigits;
        append(cp);
        break;
      case CharClass::kOwnToken:
        flush();
        append(cp);
        flush();
        break;
      case CharClass::kApostrophe: {
        bool inside_word = false;
        if (kind == Kind::kWord && pos < text.size()) {
          std::size_t peek = pos;
          char32_t next_cp;
          inside_word = Next(text, &peek, &next_cp) == CharClass::kLetter;
        }
        if (inside_word) {
          current.push_back('\'');
        } else {
          flush();
        }
        break;
      }
      case CharClass::kDrop:
        break;
      case CharClass::kSeparator:
        flush();
        break;
    }
  }
  flush();
}

void TokenizeWords(std::string_view text, std::vector<std::string>* tokens) {
  tokens->clear();
  ForEachWordToken(text, [tokens](std::string_view token) { tokens->emplace_back(token); });
}

std::vector<std::string> TokenizeWords(std::string_view text) {
  std::vector<std::string> tokens;
  TokenizeWords(text, &tokens);
  return tokens;
}

std::u32string FoldedCodePoints(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    char32_t cp;
    bool space;
    if (byte < 0x80) {
      ++pos;
      cp = (byte >= 'A' && byte <= 'Z') ? byte + ('a' - 'A') : byte;
      space = byte == ' ' || (byte >= '\t' && byte <= '\r');
    } else {
      cp = DecodeUtf8(text, &pos);
      space = u_isUWhiteSpace(static_cast<UChar32>(cp));
      if (!space) {
        cp = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT));
      }
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(cp);
  }
  return out;
}

}  // namespace kinship
