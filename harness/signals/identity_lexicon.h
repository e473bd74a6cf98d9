// The identity-claim lexicon and classifier (research §4.2 P3.12): which vendor an answer to
// "who made you?" claims, from a deterministic multilingual table of vendor and model names
// (English, Chinese, Russian, Kazakh, Arabic spellings). The table is the data in
// identity_lexicon.cpp; names are matched as whole word-token sequences with the Unicode
// tokenizer (so "GPT-4o" matches "gpt", "通义千问" matches character by character, and case
// and Arabic vowel marks do not matter).
//
// Negation: a mention does not count when a negation ("not", "n't", "never", "не", "нет",
// "不", "非", "没", "ليس", "لست", "لا", "غير", ...) precedes it in the same clause, or the
// Kazakh post-positional "емес..." follows it. Clauses end at sentence and comma punctuation
// (Latin, CJK and Arabic forms) and at contrastive conjunctions ("but", "но", "а", "但是",
// "而是", "لكن", "بل", "бірақ"), so "I am not ChatGPT, I am Claude" claims Anthropic.
// The claimed vendor is the one with the most non-negated mentions; ties go to the earliest.
//
// Limits: a keyword classifier, not a reader. "Unlike ChatGPT, I ..." counts as a ChatGPT
// mention; "meta" as a plain word counts as Meta. Identity answers are short and formulaic,
// which is where such a classifier is reliable; the signal is corroborating evidence only.
// Pure functions over immutable statics; thread-safe; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

struct VendorNames {
  std::string vendor;               // "openai", "anthropic", ...
  std::vector<std::string> names;   // names and spellings, any script
};

// The table, in a fixed order.
const std::vector<VendorNames>& IdentityLexicon();

struct IdentityClaim {
  std::string vendor;
  std::string name;  // the first non-negated name matched, as tokenised ("chatgpt")
};

// The vendor `answer` claims to be (or to be made by), or nullopt when it names none or only
// in negation.
std::optional<IdentityClaim> ClassifyIdentityClaim(std::string_view answer);

}  // namespace kinship
