#include "harness/config/template.h"

#include "harness/core/did_you_mean.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

struct Placeholder {
  std::size_t begin = 0;  // offset of "{{"
  std::size_t end = 0;    // offset just past "}}"
  std::string name;
};

bool IsNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

std::string At(std::string_view text, std::size_t offset) {
  // Offsets are reported in characters, which is what a reader counts in an editor.
  return " (at character " + std::to_string(CodePointCount(text.substr(0, offset)) + 1) + ")";
}

// Every placeholder of `text`, validated.
std::vector<Placeholder> Scan(std::string_view text, const SourceLocation& where,
                              const std::string& field) {
  std::vector<Placeholder> out;
  for (std::size_t pos = text.find("{{"); pos != std::string_view::npos;
       pos = text.find("{{", pos)) {
    std::size_t close = text.find("}}", pos + 2);
    if (close == std::string_view::npos) {
      throw ConfigError(where, field, "unclosed '{{' in template" + At(text, pos));
    }
    std::string_view inside = text.substr(pos + 2, close - pos - 2);
    while (!inside.empty() && (inside.front() == ' ' || inside.front() == '\t')) {
      inside.remove_prefix(1);
    }
    while (!inside.empty() && (inside.back() == ' ' || inside.back() == '\t')) {
      inside.remove_suffix(1);
    }
    if (inside.empty()) {
      throw ConfigError(where, field, "empty variable name '{{}}' in template" + At(text, pos));
    }
    bool valid = IsNameStart(inside.front());
    for (char c : inside) valid = valid && IsNameChar(c);
    if (!valid) {
      throw ConfigError(where, field,
                        "bad variable name '" + SanitizeUtf8(inside) +
                            "' in template (use letters, digits and _)" + At(text, pos));
    }
    out.push_back({pos, close + 2, std::string(inside)});
    pos = close + 2;
  }
  return out;
}

}  // namespace

bool IsTemplate(std::string_view text) { return text.find("{{") != std::string_view::npos; }

std::vector<std::string> TemplateVariables(std::string_view text, const SourceLocation& where,
                                           const std::string& field) {
  std::vector<std::string> names;
  for (const auto& placeholder : Scan(text, where, field)) {
    bool seen = false;
    for (const auto& name : names) seen = seen || name == placeholder.name;
    if (!seen) names.push_back(placeholder.name);
  }
  return names;
}

std::string ExpandTemplate(std::string_view text, const TemplateVars& vars,
                           const SourceLocation& where, const std::string& field) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& placeholder : Scan(text, where, field)) {
    auto found = vars.find(placeholder.name);
    if (found == vars.end()) {
      std::vector<std::string> known;
      for (const auto& [name, value] : vars) known.push_back(name);
      throw ConfigError(where, field,
                        "unknown variable '" + placeholder.name + "' in template" +
                            At(text, placeholder.begin) + DidYouMean(placeholder.name, known));
    }
    out.append(text.substr(copied, placeholder.begin - copied));
    out.append(found->second);
    copied = placeholder.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace kinship
