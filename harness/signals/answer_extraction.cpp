#include "harness/signals/answer_extraction.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "harness/analysis/text_tokenizer.h"
#include "harness/core/ascii_case.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

// Folds what differs only in compatibility form before answers are compared: NFKC
// ("H₂O" -> "H2O", full-width "１０００" -> "1000", "Ｂ" -> "B"), then every decimal digit of
// any script to its ASCII digit (Arabic-Indic "٧" -> "7"), which NFKC leaves alone. Models
// answering in Chinese, Japanese or Arabic write answers in these forms, and reference
// answers are written in ASCII. ASCII text is returned as is; invalid UTF-8 too.
std::string FoldForMatching(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(text);
  }
  if (!IsValidUtf8(text)) return std::string(text);  // ICU would replace bytes: the tokenizer decides
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString source =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = nfkc->normalize(source, status);
  if (U_FAILURE(status)) return std::string(text);
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    const int32_t width = U16_LENGTH(c);
    if (c >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      folded.replace(i, width, static_cast<UChar>(u'0' + u_charDigitValue(c)));
      i += 1;
    } else {
      i += width;
    }
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    if (!out.empty()) out.push_back(' ');
    out += token;
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The letter of "B", "(B)", "B)", "B.", "**B**"; 0 when the text is not a lone option letter.
char LoneLetter(std::string_view text) {
  std::string core;
  for (char c : Trim(text)) {
    if (c == '(' || c == ')' || c == '.' || c == '*' || c == ':' || c == '[' || c == ']') continue;
    core.push_back(c);
  }
  if (core.size() == 1 && core[0] >= 'A' && core[0] <= 'J') return core[0];
  return 0;
}

bool ParseNumberAt(std::string_view text, std::size_t* pos, std::string* out) {
  std::size_t i = *pos;
  std::string digits;
  bool negative = false;
  if (text[i] == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
    negative = true;
    ++i;
  }
  if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c == ',' && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      // grouping comma: skipped
    } else if (c == '.' && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
               digits.find('.') == std::string::npos) {
      digits.push_back('.');
    } else {
      break;
    }
    ++i;
  }
  if (digits.find('.') != std::string::npos) {
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    digits = "0";
  } else if (digits[first] == '.') {
    digits = digits.substr(first - 1);
  } else {
    digits = digits.substr(first);
  }
  *out = (negative && digits != "0" ? "-" : "") + digits;
  *pos = i;
  return true;
}

std::optional<std::string> LastNumber(std::string_view text) {
  std::optional<std::string> last;
  for (std::size_t i = 0; i < text.size();) {
    const bool boundary = i == 0 || !IsAsciiAlnum(text[i - 1]) || text[i] == '-';
    std::string number;
    if (boundary && ParseNumberAt(text, &i, &number)) {
      last = number;
    } else {
      ++i;
    }
  }
  return last;
}

std::optional<std::string> OptionLetter(std::string_view text) {
  const std::string lower = AsciiLowerCopy(text);
  auto stand_alone_from = [&](std::size_t start) -> std::optional<std::string> {
    for (std::size_t i = start; i < text.size(); ++i) {
      const char c = text[i];
      if (c < 'A' || c > 'J') continue;
      const bool left = i == 0 || !IsAsciiAlnum(text[i - 1]);
      const bool right = i + 1 >= text.size() ||
                         (!IsAsciiAlnum(text[i + 1]) && text[i + 1] != '\'');
      if (left && right) return std::string(1, c);
    }
    return std::nullopt;
  };
  for (std::string_view cue : {"answer is", "answer:", "correct option is", "option"}) {
    const std::size_t at = lower.find(cue);
    if (at != std::string::npos) {
      if (auto letter = stand_alone_from(at + cue.size())) return letter;
    }
  }
  return stand_alone_from(0);
}

// The functions below on text FoldForMatching has already folded (the public ones fold
// once and call these, so no text is folded twice).

std::string NormalizeFolded(std::string_view text) { return Join(TokenizeWords(text)); }

std::string FirstSentenceFolded(std::string_view text) {
  std::size_t end = text.size();
  bool seen_text = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == '!' || c == '?' || (c == '\n' && seen_text)) {
      end = i;
      break;
    }
    // 。 ！ ？ as UTF-8
    if (text.compare(i, 3, "\xE3\x80\x82") == 0 || text.compare(i, 3, "\xEF\xBC\x81") == 0 ||
        text.compare(i, 3, "\xEF\xBC\x9F") == 0) {
      end = i;
      break;
    }
    if (!std::isspace(static_cast<unsigned char>(c))) seen_text = true;
  }
  return NormalizeFolded(text.substr(0, end));
}

AnswerKind ClassifyFolded(std::string_view reference) {
  if (LoneLetter(reference) != 0) return AnswerKind::kOption;
  const std::string_view trimmed = Trim(reference);
  std::size_t pos = 0;
  std::string number;
  if (!trimmed.empty() && ParseNumberAt(trimmed, &pos, &number) && pos == trimmed.size()) {
    return AnswerKind::kNumber;
  }
  return AnswerKind::kPhrase;
}

}  // namespace

std::string NormalizeAnswer(std::string_view text) { return NormalizeFolded(FoldForMatching(text)); }

std::string FirstSentence(std::string_view text) { return FirstSentenceFolded(FoldForMatching(text)); }

AnswerKind ClassifyReference(std::string_view reference) {
  return ClassifyFolded(FoldForMatching(reference));
}

std::string CanonicalReference(std::string_view original) {
  const std::string folded = FoldForMatching(original);
  const std::string_view reference = folded;
  switch (ClassifyFolded(reference)) {
    case AnswerKind::kOption:
      return std::string(1, LoneLetter(reference));
    case AnswerKind::kNumber: {
      const std::string_view trimmed = Trim(reference);
      std::size_t pos = 0;
      std::string number;
      ParseNumberAt(trimmed, &pos, &number);
      return number;
    }
    case AnswerKind::kPhrase:
      break;
  }
  return NormalizeFolded(reference);
}

std::optional<std::string> ExtractAnswer(std::string_view original_reply,
                                         std::string_view original_reference) {
  const std::string folded_reply = FoldForMatching(original_reply);
  const std::string folded_reference = FoldForMatching(original_reference);
  const std::string_view reply = folded_reply;
  const std::string_view reference = folded_reference;
  switch (ClassifyFolded(reference)) {
    case AnswerKind::kOption:
      return OptionLetter(reply);
    case AnswerKind::kNumber:
      return LastNumber(reply);
    case AnswerKind::kPhrase:
      break;
  }
  const std::string canonical = NormalizeFolded(reference);
  const std::string normalized = NormalizeFolded(reply);
  if (!canonical.empty() && (" " + normalized + " ").find(" " + canonical + " ") != std::string::npos) {
    return canonical;
  }
  std::string first = FirstSentenceFolded(reply);
  if (first.empty()) return std::nullopt;
  return first;
}

int OptionCount(std::string_view reference) {
  const char letter = LoneLetter(reference);
  if (letter == 0) return 0;
  return std::max(4, letter - 'A' + 1);
}

}  // namespace kinship
