// The JSON-schema subset of `is-json` assertions: type (one or a list; "integer" is a
// number with no fraction), properties, required, additionalProperties (bool or schema),
// items, enum, const, minimum, maximum, minLength/maxLength (code points), minItems,
// maxItems. Other keywords are rejected when the suite is loaded (harness/config/assertion),
// so here every keyword present is one we check. Pure; thread-safe; never throws.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace kinship {

// True when `value` satisfies `schema`; otherwise false with *why set to the first
// violation and its JSON path ("$.items[2].name: expected a string").
bool JsonMatchesSchema(const nlohmann::json& value, const nlohmann::json& schema, std::string* why);

}  // namespace kinship
