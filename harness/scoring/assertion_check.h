// Checks one answer against one assertion (harness/config/assertion.h). The semantics of
// every type are specified in suites/README.md ("Assertions"); in short:
//   equals        trimmed answer == value, byte for byte
//   contains      substring, case-sensitive; icontains after Unicode case folding and
//                 white-space collapsing (harness/analysis/text_tokenizer.h), so Kazakh,
//                 Russian, Greek ... compare case-insensitively too
//   regex         ECMAScript (std::regex) search over the UTF-8 bytes
//   starts-with   after leading white space
//   is-json       the trimmed answer, or else its first ``` fenced block, parses as JSON
//                 and satisfies the schema subset (json_schema.h)
//   number        the answer's number -- the whole trimmed answer when it is one, else the
//                 LAST number in it (the final answer of a worked solution); thousands
//                 commas are accepted -- within `tolerance` of the value
//   length        code points of the trimmed answer within [min, max]
//   refusal       one of a small multilingual lexicon of refusal openings ("I can't help",
//                 "I'm sorry, but", "Я не могу", "抱歉", "لا أستطيع", ...) in the first
//                 300 code points
// "not-" inverts the outcome. Pure functions; thread-safe; never throw (an answer that
// is not UTF-8 is checked as bytes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "harness/config/assertion.h"

namespace kinship {

struct AssertionOutcome {
  bool pass = false;
  std::string reason;  // why it failed ("" when it passed)
};

AssertionOutcome CheckAssertion(const Assertion& assertion, std::string_view answer);

// The number an answer gives (see above), if any.
std::optional<double> AnswerNumber(std::string_view answer);

// Whether the answer opens like a refusal.
bool LooksLikeRefusal(std::string_view answer);

}  // namespace kinship
