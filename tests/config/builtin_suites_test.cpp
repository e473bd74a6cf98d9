// The built-in suites in suites/ are data that other code relies on: the identity signal
// reads prompts tagged `identity`, CAPA needs references, `plain` pairs with `chat` by id.
// These tests load every suite file through the real loader and check the promises made
// in issue 6 and suites/CATALOG.md, so an edit that breaks one fails here, not in an audit.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "harness/config/prompt.h"
#include "harness/config/suite_loader.h"
#include "harness/core/chat.h"

namespace kinship {
namespace {

namespace fs = std::filesystem;

fs::path SuitesDir() { return fs::path(KINSHIP_SOURCE_DIR) / "suites"; }

std::vector<fs::path> SuiteFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SuitesDir())) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Loaded once: the big datasets take a moment to parse and every test reads them.
const std::map<std::string, Suite>& BuiltinSuites() {
  static const std::map<std::string, Suite> suites = [] {
    std::map<std::string, Suite> loaded;
    for (const fs::path& file : SuiteFiles()) loaded.emplace(file.stem().string(), LoadSuite(file));
    return loaded;
  }();
  return suites;
}

const Suite& Builtin(const std::string& name) {
  const auto& suites = BuiltinSuites();
  auto it = suites.find(name);
  INFO("built-in suite '" << name << "' should exist in suites/");
  REQUIRE(it != suites.end());
  return it->second;
}

bool HasTag(const Prompt& prompt, const std::string& tag) {
  return std::find(prompt.tags.begin(), prompt.tags.end(), tag) != prompt.tags.end();
}

// The text the model is asked: the last turn (the loader guarantees it is a user turn).
const std::string& UserText(const Prompt& prompt) { return prompt.messages.back().content; }

const std::string* SystemText(const Prompt& prompt) {
  if (prompt.messages.empty() || prompt.messages.front().role != Role::kSystem) return nullptr;
  return &prompt.messages.front().content;
}

// Language codes the suites use as tags (suites/CATALOG.md).
const std::set<std::string> kLanguageCodes = {"en", "zh", "ru", "kk", "ar", "es",
                                              "fr", "de", "ja", "hi", "tr"};

// The suites issue 6 asks for, with their minimum sizes. `plain` has no minimum in the
// issue; 150 is the catalogue's promise (half of `chat`).
const std::map<std::string, std::size_t> kMinimumPrompts = {
    {"identity", 60}, {"chat", 300},        {"plain", 150},
    {"answer-keyed", 300}, {"continuation", 500}, {"refusal", 50}};

TEST_CASE("every built-in suite loads and is named after its file") {
  std::vector<fs::path> files = SuiteFiles();
  REQUIRE(files.size() >= kMinimumPrompts.size());
  for (const fs::path& file : files) {
    INFO(file.string());
    Suite suite;
    REQUIRE_NOTHROW(suite = LoadSuite(file));
    CHECK(suite.name == file.stem().string());
    CHECK_FALSE(suite.version.empty());
    CHECK_FALSE(suite.description.empty());
    CHECK_FALSE(suite.prompts.empty());
  }
}

TEST_CASE("the probe suites of issue 6 exist with at least the promised number of prompts") {
  for (const auto& [name, minimum] : kMinimumPrompts) {
    INFO(name);
    CHECK(Builtin(name).prompts.size() >= minimum);
  }
}

TEST_CASE("every built-in suite has dev and test prompts and unique ids") {
  for (const auto& [name, suite] : BuiltinSuites()) {
    INFO(name);
    std::set<std::string> ids;
    std::size_t dev = 0;
    for (const Prompt& prompt : suite.prompts) {
      CHECK(ids.insert(prompt.id).second);
      CHECK((prompt.split == "dev" || prompt.split == "test"));
      if (prompt.split == "dev") ++dev;
    }
    CHECK(dev > 0);
    CHECK(dev < suite.prompts.size());
  }
}

TEST_CASE("the probe suites put roughly a third of their prompts in dev") {
  for (const auto& [name, minimum] : kMinimumPrompts) {
    const Suite& suite = Builtin(name);
    auto dev = std::count_if(suite.prompts.begin(), suite.prompts.end(),
                             [](const Prompt& p) { return p.split == "dev"; });
    double share = static_cast<double>(dev) / static_cast<double>(suite.prompts.size());
    INFO(name << ": " << dev << " of " << suite.prompts.size() << " in dev");
    CHECK(share > 0.28);
    CHECK(share < 0.39);
  }
}

TEST_CASE("the probe suites sample once per prompt with a suite seed") {
  for (const auto& [name, minimum] : kMinimumPrompts) {
    const Suite& suite = Builtin(name);
    INFO(name);
    CHECK(suite.samples == 1);
    CHECK(suite.version == "1");
    for (const Prompt& prompt : suite.prompts) {
      INFO(prompt.id);
      REQUIRE(prompt.sampling.seed.has_value());
      REQUIRE(prompt.sampling.temperature.has_value());
      REQUIRE(prompt.sampling.max_tokens.has_value());
    }
  }
}

TEST_CASE("every prompt in the probe suites carries a language tag") {
  for (const auto& [name, minimum] : kMinimumPrompts) {
    for (const Prompt& prompt : Builtin(name).prompts) {
      INFO(name << "/" << prompt.id);
      bool tagged = std::any_of(prompt.tags.begin(), prompt.tags.end(),
                                [](const std::string& t) { return kLanguageCodes.count(t) > 0; });
      CHECK(tagged);
    }
  }
}

TEST_CASE("identity prompts are all tagged identity, in at least eight languages and every form") {
  const Suite& suite = Builtin("identity");
  const std::set<std::string> forms = {"direct",     "indirect", "roleplay",  "completion",
                                       "training",   "cutoff",   "guidelines"};
  std::set<std::string> languages;
  std::set<std::string> forms_seen;
  for (const Prompt& prompt : suite.prompts) {
    INFO(prompt.id);
    CHECK(HasTag(prompt, "identity"));
    std::size_t form_tags = 0;
    for (const std::string& tag : prompt.tags) {
      if (kLanguageCodes.count(tag)) languages.insert(tag);
      if (forms.count(tag)) {
        forms_seen.insert(tag);
        ++form_tags;
      }
    }
    CHECK(form_tags == 1);
    // The identity signal needs the model's own persona: no system prompt may set one.
    CHECK(SystemText(prompt) == nullptr);
    CHECK(prompt.sampling.temperature == 0.7);
    CHECK(prompt.sampling.max_tokens == 120);
  }
  CHECK(languages.size() >= 8);
  for (const char* required : {"en", "zh", "ru", "kk"}) {
    INFO(required);
    CHECK(languages.count(required) == 1);
  }
  CHECK(forms_seen == forms);
}

// The option letters present in a multiple-choice text: lines of the form "X) ...".
std::set<char> OptionLetters(const std::string& text) {
  std::set<char> letters;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start >= 3 && text[start] >= 'A' && text[start] <= 'Z' && text[start + 1] == ')' &&
        text[start + 2] == ' ') {
      letters.insert(text[start]);
    }
    start = end + 1;
  }
  return letters;
}

TEST_CASE("answer-keyed items all have references; multiple choice answers a letter among A to D") {
  const Suite& suite = Builtin("answer-keyed");
  const std::set<std::string> kinds = {"arithmetic", "logic", "fact", "multiple-choice"};
  std::map<std::string, int> per_kind;
  std::map<char, int> letters_used;
  for (const Prompt& prompt : suite.prompts) {
    INFO(prompt.id);
    REQUIRE(prompt.reference.has_value());
    const std::string& reference = *prompt.reference;
    CHECK_FALSE(reference.empty());
    CHECK(reference.size() <= 40);  // canonical short answers, not explanations
    std::size_t kind_tags = 0;
    for (const std::string& tag : prompt.tags) {
      if (kinds.count(tag)) {
        ++per_kind[tag];
        ++kind_tags;
      }
    }
    CHECK(kind_tags == 1);
    if (HasTag(prompt, "multiple-choice")) {
      CHECK(OptionLetters(UserText(prompt)) == std::set<char>{'A', 'B', 'C', 'D'});
      REQUIRE(reference.size() == 1);
      CHECK(OptionLetters(UserText(prompt)).count(reference[0]) == 1);
      ++letters_used[reference[0]];
    } else {
      CHECK(OptionLetters(UserText(prompt)).empty());
    }
  }
  for (const std::string& kind : kinds) {
    INFO(kind);
    CHECK(per_kind[kind] >= 50);
  }
  // A model that always answers "A" must not look accurate: the right letter rotates.
  CHECK(letters_used.size() == 4);
  for (const auto& [letter, count] : letters_used) {
    INFO(letter);
    CHECK(count >= 10);
  }
}

TEST_CASE("answer-keyed and continuation decode greedily and briefly with a system prompt") {
  for (const char* name : {"answer-keyed", "continuation"}) {
    for (const Prompt& prompt : Builtin(name).prompts) {
      INFO(name << "/" << prompt.id);
      CHECK(prompt.sampling.temperature == 0.0);
      CHECK(prompt.sampling.max_tokens == 24);
      REQUIRE(SystemText(prompt) != nullptr);
    }
  }
  const Prompt& stem = Builtin("continuation").prompts.front();
  CHECK(*SystemText(stem) == "Continue the text. Reply with the continuation only.");
}

TEST_CASE("continuation stems are tagged continuation and are unfinished") {
  for (const Prompt& prompt : Builtin("continuation").prompts) {
    INFO(prompt.id);
    CHECK(HasTag(prompt, "continuation"));
    // A stem that already ends a sentence invites a new one; the point is the next words.
    const std::string& text = UserText(prompt);
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() != '.');
    CHECK(text.back() != '?');
  }
}

TEST_CASE("plain pairs with chat: same id, same text, same split, plus a plain-text system prompt") {
  const Suite& chat = Builtin("chat");
  const Suite& plain = Builtin("plain");
  std::map<std::string, const Prompt*> chat_by_id;
  for (const Prompt& prompt : chat.prompts) chat_by_id[prompt.id] = &prompt;
  for (const Prompt& prompt : plain.prompts) {
    INFO(prompt.id);
    auto it = chat_by_id.find(prompt.id);
    REQUIRE(it != chat_by_id.end());
    CHECK(UserText(prompt) == UserText(*it->second));
    CHECK(prompt.split == it->second->split);
    CHECK(prompt.tags == it->second->tags);
    REQUIRE(SystemText(prompt) != nullptr);
    CHECK(SystemText(prompt)->find("100 words") != std::string::npos);
    CHECK(SystemText(*it->second) == nullptr);
    CHECK(prompt.sampling.max_tokens == 160);
  }
}

TEST_CASE("chat covers every kind of instruction the issue names") {
  std::map<std::string, int> per_kind;
  for (const Prompt& prompt : Builtin("chat").prompts) {
    REQUIRE_FALSE(prompt.tags.empty());
    ++per_kind[prompt.tags.front()];
  }
  for (const char* kind : {"writing", "advice", "explanation", "coding", "list", "opinion"}) {
    INFO(kind);
    CHECK(per_kind[kind] >= 40);
  }
}

TEST_CASE("refusal prompts are tagged refusal and sent without a system prompt") {
  for (const Prompt& prompt : Builtin("refusal").prompts) {
    INFO(prompt.id);
    CHECK(HasTag(prompt, "refusal"));
    CHECK(SystemText(prompt) == nullptr);
    CHECK(prompt.sampling.temperature == 0.7);
    CHECK(prompt.sampling.max_tokens == 200);
  }
}

}  // namespace
}  // namespace kinship
