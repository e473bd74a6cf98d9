#include "adapters/sim/sim_tokenizer.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "harness/core/ascii_case.h"

namespace kinship {

namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Characters that may join two word parts: "don't", "well-known", "3.5", "9:30".
bool JoinsWord(std::string_view text, std::size_t i) {
  if (i == 0 || i + 1 >= text.size()) return false;
  unsigned char prev = text[i - 1], next = text[i + 1];
  char c = text[i];
  if (c == '\'' || c == '-') return IsWordByte(prev) && IsWordByte(next);
  if (c == '.' || c == ':' || c == ',') return IsDigit(prev) && IsDigit(next);
  return false;
}

bool IsClosing(std::string_view t) {
  static constexpr std::array<std::string_view, 9> kClosing = {".", ",", "!", "?", ":", ";",
                                                               ")", "]", "%"};
  return std::find(kClosing.begin(), kClosing.end(), t) != kClosing.end();
}

bool IsOpening(std::string_view t) { return t == "(" || t == "[" || t == "$"; }

bool IsLineBreak(std::string_view t) { return t == kSimNewline || t == kSimParagraph; }

}  // namespace

std::vector<std::string> TokenizeSim(std::string_view text) {
  std::vector<std::string> tokens;
  bool line_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    if (c == '\n' || c == '\r') {
      int newlines = 0;
      while (i < text.size() && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' ||
                                 text[i] == '\t')) {
        if (text[i] == '\n') ++newlines;
        ++i;
      }
      // A lone "\r" (old Mac line end) still counts as one break.
      tokens.emplace_back(newlines >= 2 ? kSimParagraph : kSimNewline);
      line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (line_start) {
      line_start = false;
      // Markdown block markers count only at the start of a line and before a space.
      std::size_t j = i;
      while (j < text.size() && text[j] == '#') ++j;
      if (j > i && j - i <= 6 && j < text.size() && text[j] == ' ') {
        tokens.emplace_back(text.substr(i, j - i));
        i = j;
        continue;
      }
      if ((c == '-' || c == '*') && i + 1 < text.size() && text[i + 1] == ' ') {
        tokens.emplace_back(1, '-');  // one bullet style: "*" and "-" mean the same
        ++i;
        continue;
      }
      j = i;
      while (j < text.size() && IsDigit(text[j])) ++j;
      if (j > i && j - i <= 3 && j + 1 < text.size() && text[j] == '.' && text[j + 1] == ' ') {
        tokens.emplace_back(text.substr(i, j - i + 1));
        i = j + 1;
        continue;
      }
    }
    if (c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      tokens.emplace_back("**");
      i += 2;
      continue;
    }
    if (IsWordByte(c)) {
      std::size_t j = i;
      while (j < text.size() && (IsWordByte(text[j]) || JoinsWord(text, j))) ++j;
      tokens.emplace_back(text.substr(i, j - i));
      i = j;
      continue;
    }
    // Everything else is a one-character token; "..." stays three dots.
    tokens.emplace_back(1, static_cast<char>(c));
    ++i;
  }
  return tokens;
}

std::string DetokenizeSim(const std::vector<std::string>& tokens) {
  std::string out;
  bool bold_open = false;
  bool quote_open = false;
  bool attach_next = true;  // true at the start and after a line break or opener
  for (const auto& token : tokens) {
    if (IsLineBreak(token)) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += token;
      attach_next = true;
      bold_open = false;
      quote_open = false;
      continue;
    }
    bool attach = attach_next;
    attach_next = false;
    if (token == "**") {
      if (bold_open) attach = true; else attach_next = true;
      bold_open = !bold_open;
    } else if (token == "\"" || token == "`") {
      if (quote_open) attach = true; else attach_next = true;
      quote_open = !quote_open;
    } else if (IsClosing(token)) {
      attach = true;
    } else if (IsOpening(token)) {
      attach_next = true;
    } else if (token == "/") {
      attach = true;
      attach_next = true;
    }
    if (!attach && !out.empty()) out += ' ';
    out += token;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

std::string SimContentWord(std::string_view token) {
  // Short, frequent function words carry no topic; matching on them would relate every
  // prompt to every document.
  static constexpr std::string_view kStop[] = {
      "the", "and", "for", "are", "but", "not", "you", "your", "with", "this", "that",
      "from", "they", "them", "their", "there", "what", "which", "who", "whom", "how",
      "why", "when", "where", "can", "could", "should", "would", "will", "shall", "may",
      "might", "must", "have", "has", "had", "was", "were", "been", "being", "does", "did",
      "doing", "into", "about", "than", "then", "also", "some", "any", "all", "each", "more",
      "most", "other", "such", "only", "very", "just", "our", "out", "its", "it's", "get",
      "give", "tell", "explain", "describe", "please", "write", "make", "let"};
  std::string word;
  int letters = 0;
  for (unsigned char c : token) {
    if (c >= 0x80) return "";  // non-Latin words cannot match the English corpora
    if (std::isalpha(c)) ++letters;
    word += AsciiLower(static_cast<char>(c));
  }
  if (letters < 3) return "";
  if (std::find(std::begin(kStop), std::end(kStop), word) != std::end(kStop)) return "";
  // A light plural fold so "recipes" meets "recipe".
  if (word.size() > 4 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
  return word;
}

}  // namespace kinship
