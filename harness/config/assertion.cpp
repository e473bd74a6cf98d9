#include "harness/config/assertion.h"

#include <cmath>
#include <regex>

#include <nlohmann/json.hpp>

#include "harness/config/config_node.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

struct TypeSpelling {
  const char* name;
  AssertionKind kind;
  bool all;
};

// "contains" means any of the values; "-all"/"-any" say it explicitly.
const std::vector<TypeSpelling>& Spellings() {
  static const std::vector<TypeSpelling> spellings = {
      {"equals", AssertionKind::kEquals, false},
      {"contains", AssertionKind::kContains, false},
      {"contains-any", AssertionKind::kContains, false},
      {"contains-all", AssertionKind::kContains, true},
      {"icontains", AssertionKind::kIContains, false},
      {"icontains-any", AssertionKind::kIContains, false},
      {"icontains-all", AssertionKind::kIContains, true},
      {"regex", AssertionKind::kRegex, false},
      {"starts-with", AssertionKind::kStartsWith, false},
      {"is-json", AssertionKind::kIsJson, false},
      {"number", AssertionKind::kNumber, false},
      {"length", AssertionKind::kLength, false},
      {"refusal", AssertionKind::kRefusal, false},
  };
  return spellings;
}

// The keywords of the supported JSON-schema subset (scored by harness/scoring/json_schema.h).
const std::vector<std::string> kSchemaKeywords = {
    "type",      "properties", "required",  "items",     "enum",     "const",
    "minimum",   "maximum",    "minLength", "maxLength", "minItems", "maxItems",
    "additionalProperties", "description", "title"};
const std::vector<std::string> kSchemaTypes = {"object", "array",   "string", "number",
                                               "integer", "boolean", "null"};

void CheckSchema(const nlohmann::json& schema, const SourceLocation& where,
                 const std::string& field) {
  if (!schema.is_object()) throw ConfigError(where, field, "a schema must be a map");
  for (const auto& [key, value] : schema.items()) {
    std::string sub = field + "." + key;
    if (std::find(kSchemaKeywords.begin(), kSchemaKeywords.end(), key) == kSchemaKeywords.end()) {
      throw ConfigError(where, sub,
                        "unsupported schema keyword" + DidYouMean(key, kSchemaKeywords) +
                            " (supported: type, properties, required, items, enum, const, "
                            "minimum, maximum, minLength, maxLength, minItems, maxItems, "
                            "additionalProperties)");
    }
    if (key == "type") {
      std::vector<nlohmann::json> types =
          value.is_array() ? value.get<std::vector<nlohmann::json>>() : std::vector{value};
      for (const auto& type : types) {
        if (!type.is_string() || std::find(kSchemaTypes.begin(), kSchemaTypes.end(),
                                           type.get<std::string>()) == kSchemaTypes.end()) {
          std::string shown = type.is_string() ? type.get<std::string>() : type.dump();
          throw ConfigError(where, sub, "unknown type '" + shown + "'" +
                                            DidYouMean(shown, kSchemaTypes));
        }
      }
    } else if (key == "properties") {
      if (!value.is_object()) throw ConfigError(where, sub, "expected a map of schemas");
      for (const auto& [name, property] : value.items()) CheckSchema(property, where, sub + "." + name);
    } else if (key == "items") {
      CheckSchema(value, where, sub);
    } else if (key == "additionalProperties") {
      if (value.is_object()) {
        CheckSchema(value, where, sub);
      } else if (!value.is_boolean()) {
        throw ConfigError(where, sub, "expected true, false or a schema");
      }
    } else if (key == "required") {
      if (!value.is_array()) throw ConfigError(where, sub, "expected a list of names");
      for (const auto& name : value) {
        if (!name.is_string()) throw ConfigError(where, sub, "expected a list of names");
      }
    } else if (key == "enum") {
      if (!value.is_array()) throw ConfigError(where, sub, "expected a list of values");
    } else if (key == "minimum" || key == "maximum") {
      if (!value.is_number()) throw ConfigError(where, sub, "expected a number");
    } else if (key.rfind("min", 0) == 0 || key.rfind("max", 0) == 0) {
      if (!value.is_number_integer() || value.get<long long>() < 0) {
        throw ConfigError(where, sub, "expected a non-negative integer");
      }
    }
  }
}

void CheckRegex(const std::string& pattern, const SourceLocation& where, const std::string& field) {
  try {
    std::regex compiled(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw ConfigError(where, field, std::string("invalid regex: ") + e.what());
  }
}

const std::vector<std::string> kCommonKeys = {"type", "weight"};

std::vector<std::string> KeysFor(AssertionKind kind) {
  std::vector<std::string> keys = kCommonKeys;
  switch (kind) {
    case AssertionKind::kEquals:
    case AssertionKind::kRegex:
    case AssertionKind::kStartsWith:
      keys.push_back("value");
      break;
    case AssertionKind::kContains:
    case AssertionKind::kIContains:
      keys.push_back("value");
      keys.push_back("values");
      break;
    case AssertionKind::kIsJson:
      keys.push_back("schema");
      break;
    case AssertionKind::kNumber:
      keys.push_back("value");
      keys.push_back("tolerance");
      break;
    case AssertionKind::kLength:
      keys.push_back("min");
      keys.push_back("max");
      break;
    case AssertionKind::kRefusal:
      break;
  }
  return keys;
}

}  // namespace

std::string_view AssertionTypeName(AssertionKind kind) {
  for (const auto& spelling : Spellings()) {
    if (spelling.kind == kind) return spelling.name;
  }
  return "unknown";
}

std::string AssertionLabel(const Assertion& a) {
  std::string label = a.negate ? "not-" : "";
  label += AssertionTypeName(a.kind);
  if ((a.kind == AssertionKind::kContains || a.kind == AssertionKind::kIContains) && a.all) {
    label += "-all";
  }
  return label;
}

const std::vector<std::string>& AssertionTypeNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& spelling : Spellings()) {
      out.push_back(spelling.name);
      out.push_back(std::string("not-") + spelling.name);
    }
    return out;
  }();
  return names;
}

Assertion DecodeAssertion(const ConfigNode& node, const std::string& field) {
  ExpectMap(node, field);
  Assertion a;
  a.where = node.where;
  const ConfigNode* type_node = node.Find("type");
  if (!type_node) {
    throw ConfigError(node.where, JoinField(field, "type"),
                      "missing required key (e.g. type: contains)");
  }
  std::string type = DecodeString(*type_node, JoinField(field, "type"));
  std::string bare = type;
  if (bare.rfind("not-", 0) == 0) {
    a.negate = true;
    bare = bare.substr(4);
  }
  const TypeSpelling* spelling = nullptr;
  for (const auto& candidate : Spellings()) {
    if (bare == candidate.name) spelling = &candidate;
  }
  if (!spelling) {
    throw ConfigError(type_node->where, JoinField(field, "type"),
                      "unknown assertion type '" + SanitizeUtf8(type) + "'" +
                          DidYouMean(type, AssertionTypeNames()));
  }
  a.kind = spelling->kind;
  a.all = spelling->all;
  RejectUnknownKeys(node, KeysFor(a.kind), field);

  auto require = [&](const char* key) -> const ConfigNode& {
    const ConfigNode* value = node.Find(key);
    if (!value) {
      throw ConfigError(node.where, JoinField(field, key),
                        "missing required key for '" + type + "'");
    }
    return *value;
  };
  if (const ConfigNode* weight = node.Find("weight")) {
    a.weight = DecodeDouble(*weight, JoinField(field, "weight"));
    if (!(a.weight > 0) || !std::isfinite(a.weight)) {
      throw ConfigError(weight->where, JoinField(field, "weight"), "must be a positive number");
    }
  }
  switch (a.kind) {
    case AssertionKind::kEquals:
    case AssertionKind::kStartsWith:
      a.values.push_back(DecodeString(require("value"), JoinField(field, "value")));
      break;
    case AssertionKind::kRegex: {
      const ConfigNode& value = require("value");
      a.values.push_back(DecodeString(value, JoinField(field, "value")));
      CheckRegex(a.values[0], value.where, JoinField(field, "value"));
      break;
    }
    case AssertionKind::kContains:
    case AssertionKind::kIContains: {
      const ConfigNode* value = node.Find("value");
      const ConfigNode* values = node.Find("values");
      if (value && values) {
        throw ConfigError(values->where, JoinField(field, "values"),
                          "give either 'value' or 'values', not both");
      }
      if (!value && !values) require("value");
      if (value) a.values.push_back(DecodeString(*value, JoinField(field, "value")));
      if (values) a.values = DecodeStringList(*values, JoinField(field, "values"), true);
      if (a.values.empty()) {
        throw ConfigError(values->where, JoinField(field, "values"), "expected at least one value");
      }
      for (const auto& text : a.values) {
        if (text.empty()) {
          throw ConfigError(node.where, JoinField(field, value ? "value" : "values"),
                            "an empty text is contained in every answer");
        }
      }
      break;
    }
    case AssertionKind::kIsJson:
      if (const ConfigNode* schema = node.Find("schema")) {
        nlohmann::json json = NodeToJson(*schema);
        CheckSchema(json, schema->where, JoinField(field, "schema"));
        a.schema = json.dump();
      }
      break;
    case AssertionKind::kNumber:
      a.number = DecodeDouble(require("value"), JoinField(field, "value"));
      if (const ConfigNode* tolerance = node.Find("tolerance")) {
        a.tolerance = DecodeDouble(*tolerance, JoinField(field, "tolerance"));
        if (!(a.tolerance >= 0)) {
          throw ConfigError(tolerance->where, JoinField(field, "tolerance"),
                            "must be zero or positive");
        }
      }
      break;
    case AssertionKind::kLength: {
      const ConfigNode* min = node.Find("min");
      const ConfigNode* max = node.Find("max");
      if (!min && !max) require("min");
      if (min) a.min_length = DecodeInt(*min, JoinField(field, "min"));
      if (max) a.max_length = DecodeInt(*max, JoinField(field, "max"));
      if ((a.min_length && *a.min_length < 0) || (a.max_length && *a.max_length < 0)) {
        throw ConfigError(node.where, field, "lengths must not be negative");
      }
      if (a.min_length && a.max_length && *a.min_length > *a.max_length) {
        throw ConfigError(max->where, JoinField(field, "max"), "is smaller than min");
      }
      break;
    }
    case AssertionKind::kRefusal:
      break;
  }
  return a;
}

std::vector<Assertion> DecodeAssertions(const ConfigNode& node, const std::string& field) {
  ExpectList(node, field);
  std::vector<Assertion> out;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out.push_back(DecodeAssertion(node.items[i], field + "[" + std::to_string(i) + "]"));
  }
  return out;
}

double DecodeThreshold(const ConfigNode& node, const std::string& field) {
  double value = DecodeDouble(node, field);
  if (!(value >= 0 && value <= 1)) {
    throw ConfigError(node.where, field, "must be between 0 and 1");
  }
  return value;
}

std::string AssertionToJson(const Assertion& a) {
  nlohmann::ordered_json j;
  j["type"] = AssertionLabel(a);
  if (!a.values.empty()) j["values"] = a.values;
  if (!a.schema.empty()) j["schema"] = nlohmann::ordered_json::parse(a.schema);
  if (a.kind == AssertionKind::kNumber) {
    j["value"] = a.number;
    j["tolerance"] = a.tolerance;
  }
  if (a.min_length) j["min"] = *a.min_length;
  if (a.max_length) j["max"] = *a.max_length;
  if (a.weight != 1) j["weight"] = a.weight;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<Assertion> AssertionFromJson(std::string_view text, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    if (error) *error = "assertion is not a JSON object";
    return std::nullopt;
  }
  try {
    Assertion a;
    std::string type = j.at("type").get<std::string>();
    if (type.rfind("not-", 0) == 0) {
      a.negate = true;
      type = type.substr(4);
    }
    bool known = false;
    for (const auto& spelling : Spellings()) {
      if (type == spelling.name) {
        a.kind = spelling.kind;
        a.all = spelling.all;
        known = true;
      }
    }
    if (!known) {
      if (error) *error = "unknown assertion type '" + type + "'";
      return std::nullopt;
    }
    a.values = j.value("values", std::vector<std::string>{});
    if (j.contains("schema")) a.schema = j["schema"].dump();
    a.number = j.value("value", 0.0);
    a.tolerance = j.value("tolerance", 0.0);
    if (j.contains("min")) a.min_length = j["min"].get<long long>();
    if (j.contains("max")) a.max_length = j["max"].get<long long>();
    a.weight = j.value("weight", 1.0);
    return a;
  } catch (const nlohmann::json::exception& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

}  // namespace kinship
