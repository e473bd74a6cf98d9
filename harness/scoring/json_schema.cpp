#include "harness/scoring/json_schema.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "harness/core/utf8.h"

namespace kinship {

namespace {

bool HasType(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    return value.is_number_float() && std::floor(value.get<double>()) == value.get<double>();
  }
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

bool Fail(std::string* why, const std::string& path, const std::string& message) {
  if (why) *why = path + ": " + message;
  return false;
}

bool Check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& path,
           std::string* why) {
  if (!schema.is_object()) return true;
  if (auto it = schema.find("type"); it != schema.end()) {
    bool ok = false;
    if (it->is_array()) {
      for (const auto& type : *it) ok = ok || HasType(value, type.get<std::string>());
    } else {
      ok = HasType(value, it->get<std::string>());
    }
    if (!ok) return Fail(why, path, "expected type " + it->dump());
  }
  if (auto it = schema.find("enum"); it != schema.end()) {
    bool found = false;
    for (const auto& option : *it) found = found || option == value;
    if (!found) return Fail(why, path, "not one of " + it->dump());
  }
  if (auto it = schema.find("const"); it != schema.end() && *it != value) {
    return Fail(why, path, "expected " + it->dump());
  }
  if (value.is_number()) {
    double x = value.get<double>();
    if (auto it = schema.find("minimum"); it != schema.end() && x < it->get<double>()) {
      return Fail(why, path, "below the minimum " + it->dump());
    }
    if (auto it = schema.find("maximum"); it != schema.end() && x > it->get<double>()) {
      return Fail(why, path, "above the maximum " + it->dump());
    }
  }
  if (value.is_string()) {
    auto length = static_cast<long long>(CodePointCount(value.get_ref<const std::string&>()));
    if (auto it = schema.find("minLength"); it != schema.end() && length < it->get<long long>()) {
      return Fail(why, path, "shorter than " + it->dump());
    }
    if (auto it = schema.find("maxLength"); it != schema.end() && length > it->get<long long>()) {
      return Fail(why, path, "longer than " + it->dump());
    }
  }
  if (value.is_array()) {
    auto size = static_cast<long long>(value.size());
    if (auto it = schema.find("minItems"); it != schema.end() && size < it->get<long long>()) {
      return Fail(why, path, "fewer than " + it->dump() + " items");
    }
    if (auto it = schema.find("maxItems"); it != schema.end() && size > it->get<long long>()) {
      return Fail(why, path, "more than " + it->dump() + " items");
    }
    if (auto it = schema.find("items"); it != schema.end()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!Check(value[i], *it, path + "[" + std::to_string(i) + "]", why)) return false;
      }
    }
  }
  if (value.is_object()) {
    if (auto it = schema.find("required"); it != schema.end()) {
      for (const auto& name : *it) {
        if (!value.contains(name.get<std::string>())) {
          return Fail(why, path, "missing required property '" + name.get<std::string>() + "'");
        }
      }
    }
    const nlohmann::json* properties = nullptr;
    if (auto it = schema.find("properties"); it != schema.end()) properties = &*it;
    auto additional = schema.find("additionalProperties");
    for (const auto& [key, member] : value.items()) {
      std::string sub = path + "." + key;
      if (properties && properties->contains(key)) {
        if (!Check(member, (*properties)[key], sub, why)) return false;
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          return Fail(why, sub, "property not allowed");
        }
        if (additional->is_object() && !Check(member, *additional, sub, why)) return false;
      }
    }
  }
  return true;
}

}  // namespace

bool JsonMatchesSchema(const nlohmann::json& value, const nlohmann::json& schema, std::string* why) {
  try {
    return Check(value, schema, "$", why);
  } catch (const nlohmann::json::exception& e) {
    // Only a schema that bypassed the loader's checks can get here.
    return Fail(why, "$", std::string("unusable schema: ") + e.what());
  }
}

}  // namespace kinship
