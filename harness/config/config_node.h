// ConfigNode: a located, still untyped tree read from a YAML document or a JSON line, and
// the typed decoders that turn its values into settings by schema.
//
// Why a tree of our own instead of YAML::Node / nlohmann::json: suites come both as YAML
// and as JSONL rows and must get identical validation and identical messages, and every
// value must remember where it was written (file, 1-based line and column). Decoding by
// schema also sidesteps YAML's implicit typing: a field the schema says is text stays the
// exact text written (`no` stays "no", `007` stays "007").
//
// Plain data, no shared state; safe to use from any thread. Every decoder throws
// ConfigError ("file:line:col: field: message") on a value of the wrong shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "harness/core/config_error.h"

namespace kinship {

struct ConfigNode {
  enum class Kind { kNull, kScalar, kList, kMap };
  // How a scalar was written; decides what it may decode as.
  enum class Style {
    kPlain,       // YAML unquoted: text, number or boolean as the schema asks
    kQuoted,      // YAML quoted or block scalar: always text
    kJsonString,  // JSON string
    kJsonNumber,  // JSON number (text holds its JSON spelling)
    kJsonBool,    // JSON true/false (text holds "true"/"false")
  };
  struct Entry;

  Kind kind = Kind::kNull;
  Style style = Style::kPlain;
  std::string text;            // scalars only, byte-exact
  std::vector<ConfigNode> items;  // lists
  std::vector<Entry> entries;     // maps, in written order; keys are unique
  SourceLocation where;

  bool IsMap() const { return kind == Kind::kMap; }
  bool IsList() const { return kind == Kind::kList; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsNull() const { return kind == Kind::kNull; }
  // The value under `key` in a map, or nullptr.
  const ConfigNode* Find(std::string_view key) const;
};

struct ConfigNode::Entry {
  std::string key;
  SourceLocation key_where;
  ConfigNode value;
};

// Parses one YAML document. Throws ConfigError with file:line:col for invalid UTF-8,
// YAML syntax errors, duplicate map keys and non-scalar map keys.
ConfigNode ParseYaml(std::string_view bytes, const std::string& file);

// Parses one JSON text (one line of a JSONL file; `line` is its 1-based number). Values
// are located at the line and, for the top-level keys of an object, at the key's column
// (nested values share their top-level key's location).
ConfigNode ParseJsonLine(std::string_view text, const std::string& file, int line);

// "file:line:col" of the first invalid UTF-8 byte (column counted in bytes), if any.
std::optional<SourceLocation> FindInvalidUtf8(std::string_view bytes, const std::string& file);

// "a.b" with an empty side left out.
std::string JoinField(const std::string& prefix, std::string_view key);

// A short name of the node's shape for messages: "a string", "a number", "a list", ...
std::string DescribeNode(const ConfigNode& node);

// Shape checks: throw "expected a map/list, got ..." at the node.
void ExpectMap(const ConfigNode& node, const std::string& field);
void ExpectList(const ConfigNode& node, const std::string& field);

// Throws at the first key not in `allowed`: "field.key: unknown key; did you mean 'x'?".
void RejectUnknownKeys(const ConfigNode& map, const std::vector<std::string>& allowed,
                       const std::string& field_prefix);

// Typed decoders. Text fields accept any YAML scalar (by schema) but only JSON strings;
// numbers accept YAML plain scalars that are entirely a number, and JSON numbers.
std::string DecodeString(const ConfigNode& node, const std::string& field);
double DecodeDouble(const ConfigNode& node, const std::string& field);
std::int64_t DecodeInt(const ConfigNode& node, const std::string& field);
std::uint64_t DecodeUint64(const ConfigNode& node, const std::string& field);
bool DecodeBool(const ConfigNode& node, const std::string& field);
// A list of strings; with `allow_single`, a lone string is a list of one.
std::vector<std::string> DecodeStringList(const ConfigNode& node, const std::string& field,
                                          bool allow_single);

// The node as JSON with the natural typing of its own syntax: quoted YAML stays a string;
// a plain YAML scalar becomes a number when it is entirely one, a boolean when it is
// true/false, null when null, otherwise a string. Used for adapter-specific options.
nlohmann::json NodeToJson(const ConfigNode& node);

}  // namespace kinship
