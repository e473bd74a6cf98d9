// Assertion: one check a suite makes of an answer (format: suites/README.md, "Assertions").
// Plain data, decoded and validated when the suite is loaded (so a bad regex or schema is
// a ConfigError before anything is sent) and carried in prompts.jsonl, because answers are
// scored at report time (harness/scoring), never while running: changing an assertion
// needs no new requests.
//
// Decoding throws ConfigError "file:line:col: field: message; did you mean 'x'?". The JSON
// functions are for the run directory and never throw on a well-formed record; a malformed
// one gives nullopt with *error set. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/config_error.h"

namespace kinship {

struct ConfigNode;

enum class AssertionKind {
  kEquals,      // the trimmed answer equals `values[0]` (byte-exact after trimming)
  kContains,    // contains the values (case-sensitive); `all` or any
  kIContains,   // as contains, after Unicode case folding and white-space collapsing
  kRegex,       // ECMAScript regex `values[0]` matches somewhere in the answer
  kStartsWith,  // the answer, leading white space removed, starts with `values[0]`
  kIsJson,      // the answer (or its one ```json fenced block) parses as JSON [and fits schema]
  kNumber,      // the answer's number is within `tolerance` of `number`
  kLength,      // code-point length within [min_length, max_length]
  kRefusal,     // the answer reads as a refusal ("I can't help with that", ...)
};

struct Assertion {
  AssertionKind kind = AssertionKind::kContains;
  bool negate = false;              // written "not-<type>": passes when the check fails
  std::vector<std::string> values;  // texts to compare, or the regex pattern
  bool all = false;                 // contains/icontains: every value (else any one)
  std::string schema;               // is-json: JSON-schema subset as compact JSON; "" none
  double number = 0;                // number
  double tolerance = 0;             // number: absolute tolerance
  std::optional<long long> min_length;  // length, in code points
  std::optional<long long> max_length;
  double weight = 1;                // share of the prompt's score, > 0
  SourceLocation where;             // where it was written (not serialised)
};

// The spelling of the type as written in suites, without "not-": "contains", "is-json".
std::string_view AssertionTypeName(AssertionKind kind);
// "not-icontains-all" style label, for reports.
std::string AssertionLabel(const Assertion& assertion);
// Every accepted `type` spelling (for did-you-mean and docs).
const std::vector<std::string>& AssertionTypeNames();

// Decodes one entry of an `assert:` list (a map with `type` and its parameters).
Assertion DecodeAssertion(const ConfigNode& node, const std::string& field);
// Decodes an `assert:` list.
std::vector<Assertion> DecodeAssertions(const ConfigNode& node, const std::string& field);
// A pass threshold: a number in [0, 1].
double DecodeThreshold(const ConfigNode& node, const std::string& field);

// Compact JSON object for prompts.jsonl, and back.
std::string AssertionToJson(const Assertion& assertion);
std::optional<Assertion> AssertionFromJson(std::string_view json, std::string* error);

}  // namespace kinship
