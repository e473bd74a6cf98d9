#include "harness/config/config_node.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "harness/core/did_you_mean.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

// Column (1-based) of `"key"` followed by ':' in a JSON line, or 0 when not found.
int KeyColumn(std::string_view line, const std::string& key) {
  std::string quoted = "\"" + key + "\"";
  for (std::size_t pos = line.find(quoted); pos != std::string_view::npos;
       pos = line.find(quoted, pos + 1)) {
    std::size_t after = pos + quoted.size();
    while (after < line.size() && (line[after] == ' ' || line[after] == '\t')) ++after;
    if (after < line.size() && line[after] == ':') return static_cast<int>(pos) + 1;
  }
  return 0;
}

ConfigNode FromJson(const nlohmann::json& value, const SourceLocation& where) {
  ConfigNode out;
  out.where = where;
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      out.kind = ConfigNode::Kind::kNull;
      break;
    case nlohmann::json::value_t::string:
      out.kind = ConfigNode::Kind::kScalar;
      out.style = ConfigNode::Style::kJsonString;
      out.text = value.get<std::string>();
      break;
    case nlohmann::json::value_t::boolean:
      out.kind = ConfigNode::Kind::kScalar;
      out.style = ConfigNode::Style::kJsonBool;
      out.text = value.get<bool>() ? "true" : "false";
      break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      out.kind = ConfigNode::Kind::kScalar;
      out.style = ConfigNode::Style::kJsonNumber;
      out.text = value.dump();
      break;
    case nlohmann::json::value_t::array:
    case nlohmann::json::value_t::binary:
      out.kind = ConfigNode::Kind::kList;
      for (const auto& item : value) out.items.push_back(FromJson(item, where));
      break;
    case nlohmann::json::value_t::object:
      out.kind = ConfigNode::Kind::kMap;
      for (const auto& [key, item] : value.items()) {
        out.entries.push_back({key, where, FromJson(item, where)});
      }
      break;
  }
  return out;
}

[[noreturn]] void Fail(const ConfigNode& node, const std::string& field,
                       const std::string& message) {
  throw ConfigError(node.where, field, message);
}

// Strict number syntax: the whole text is a finite decimal number (YAML 1.2 core schema
// without .inf/.nan, which no setting here wants).
bool ParseDoubleText(std::string_view text, double* out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
      return false;
    }
  }
  if (!digit) return false;
  auto result = std::from_chars(text.data(), text.data() + text.size(), *out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size() &&
         std::isfinite(*out);
}

template <typename Int>
bool ParseIntText(std::string_view text, Int* out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto result = std::from_chars(text.data(), text.data() + text.size(), *out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

bool IsNumberStyle(const ConfigNode& node) {
  return node.IsScalar() &&
         (node.style == ConfigNode::Style::kPlain || node.style == ConfigNode::Style::kJsonNumber);
}

std::optional<bool> PlainBool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

}  // namespace

const ConfigNode* ConfigNode::Find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::optional<SourceLocation> FindInvalidUtf8(std::string_view bytes, const std::string& file) {
  if (IsValidUtf8(bytes)) return std::nullopt;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t pos = 0; pos < bytes.size();) {
    std::size_t next = pos;
    DecodeUtf8(bytes, &next);
    // An invalid sequence is skipped one byte at a time; a valid one of length 1 is ASCII.
    if (next == pos + 1 && static_cast<unsigned char>(bytes[pos]) >= 0x80) {
      return SourceLocation{file, line, static_cast<int>(pos - line_start) + 1};
    }
    if (bytes[pos] == '\n') {
      ++line;
      line_start = next;
    }
    pos = next;
  }
  return SourceLocation{file, 0, 0};
}

ConfigNode ParseJsonLine(std::string_view text, const std::string& file, int line) {
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // what() repeats the position in the one-line input; keep only the reason.
    std::string reason = e.what();
    if (auto column = reason.find("column "); column != std::string::npos) {
      if (auto colon = reason.find(": ", column); colon != std::string::npos) {
        reason = reason.substr(colon + 2);
      }
    }
    throw ConfigError(SourceLocation{file, line, static_cast<int>(e.byte)}, "",
                      "invalid JSON: " + reason);
  }
  SourceLocation where{file, line, 1};
  if (!value.is_object()) return FromJson(value, where);
  ConfigNode out;
  out.kind = ConfigNode::Kind::kMap;
  out.where = where;
  for (const auto& [key, item] : value.items()) {
    int column = KeyColumn(text, key);
    SourceLocation key_where{file, line, column};
    out.entries.push_back({key, key_where, FromJson(item, key_where)});
  }
  // nlohmann::json sorts object keys; restore the written order so the first problem on
  // the line is the one reported (keys not found in the text go last).
  auto order = [](const ConfigNode::Entry& entry) {
    return entry.key_where.column > 0 ? entry.key_where.column : 1 << 30;
  };
  std::stable_sort(out.entries.begin(), out.entries.end(),
                   [&](const auto& a, const auto& b) { return order(a) < order(b); });
  return out;
}

std::string JoinField(const std::string& prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  if (key.empty()) return prefix;
  return prefix + "." + std::string(key);
}

std::string DescribeNode(const ConfigNode& node) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull: return "nothing (null)";
    case ConfigNode::Kind::kList: return "a list";
    case ConfigNode::Kind::kMap: return "a map";
    case ConfigNode::Kind::kScalar: break;
  }
  switch (node.style) {
    case ConfigNode::Style::kJsonNumber: return "a number";
    case ConfigNode::Style::kJsonBool: return "a boolean";
    default: return "'" + SanitizeUtf8(std::string(Utf8Prefix(node.text, 40))) + "'";
  }
}

void ExpectMap(const ConfigNode& node, const std::string& field) {
  if (!node.IsMap()) Fail(node, field, "expected a map, got " + DescribeNode(node));
}

void ExpectList(const ConfigNode& node, const std::string& field) {
  if (!node.IsList()) Fail(node, field, "expected a list, got " + DescribeNode(node));
}

void RejectUnknownKeys(const ConfigNode& map, const std::vector<std::string>& allowed,
                       const std::string& field_prefix) {
  for (const auto& entry : map.entries) {
    bool known = false;
    for (const auto& key : allowed) known = known || key == entry.key;
    if (!known) {
      throw ConfigError(entry.key_where, JoinField(field_prefix, entry.key),
                        "unknown key" + DidYouMean(entry.key, allowed));
    }
  }
}

std::string DecodeString(const ConfigNode& node, const std::string& field) {
  if (node.IsScalar() && node.style != ConfigNode::Style::kJsonNumber &&
      node.style != ConfigNode::Style::kJsonBool) {
    return node.text;
  }
  Fail(node, field, "expected a string, got " + DescribeNode(node));
}

double DecodeDouble(const ConfigNode& node, const std::string& field) {
  double value = 0;
  if (!IsNumberStyle(node) || !ParseDoubleText(node.text, &value)) {
    Fail(node, field, "expected a number, got " + DescribeNode(node));
  }
  return value;
}

std::int64_t DecodeInt(const ConfigNode& node, const std::string& field) {
  std::int64_t value = 0;
  if (!IsNumberStyle(node) || !ParseIntText(node.text, &value)) {
    Fail(node, field, "expected an integer, got " + DescribeNode(node));
  }
  return value;
}

std::uint64_t DecodeUint64(const ConfigNode& node, const std::string& field) {
  std::uint64_t value = 0;
  if (!IsNumberStyle(node) || !ParseIntText(node.text, &value)) {
    Fail(node, field, "expected a non-negative integer, got " + DescribeNode(node));
  }
  return value;
}

bool DecodeBool(const ConfigNode& node, const std::string& field) {
  if (node.IsScalar() && (node.style == ConfigNode::Style::kPlain ||
                          node.style == ConfigNode::Style::kJsonBool)) {
    if (auto value = PlainBool(node.text)) return *value;
  }
  Fail(node, field, "expected true or false, got " + DescribeNode(node));
}

std::vector<std::string> DecodeStringList(const ConfigNode& node, const std::string& field,
                                          bool allow_single) {
  if (allow_single && node.IsScalar()) return {DecodeString(node, field)};
  if (!node.IsList()) {
    Fail(node, field,
         std::string(allow_single ? "expected a string or a list of strings, got "
                                  : "expected a list of strings, got ") +
             DescribeNode(node));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out.push_back(DecodeString(node.items[i], field + "[" + std::to_string(i) + "]"));
  }
  return out;
}

nlohmann::json NodeToJson(const ConfigNode& node) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull:
      return nullptr;
    case ConfigNode::Kind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node.items) out.push_back(NodeToJson(item));
      return out;
    }
    case ConfigNode::Kind::kMap: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& entry : node.entries) out[entry.key] = NodeToJson(entry.value);
      return out;
    }
    case ConfigNode::Kind::kScalar:
      break;
  }
  switch (node.style) {
    case ConfigNode::Style::kQuoted:
    case ConfigNode::Style::kJsonString:
      return node.text;
    case ConfigNode::Style::kJsonBool:
      return node.text == "true";
    case ConfigNode::Style::kPlain:
    case ConfigNode::Style::kJsonNumber:
      break;
  }
  if (node.style == ConfigNode::Style::kPlain) {
    if (auto value = PlainBool(node.text)) return *value;
  }
  if (std::int64_t i = 0; ParseIntText(node.text, &i)) return i;
  if (std::uint64_t u = 0; ParseIntText(node.text, &u)) return u;
  if (double d = 0; ParseDoubleText(node.text, &d)) return d;
  return node.text;
}

}  // namespace kinship
