#include "harness/config/suite_loader.h"

#include <cstdlib>
#include <optional>
#include <set>

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "harness/core/file_io.h"
#include "harness/core/hash.h"
#include "tests/config/temp_dir.h"
#include "tests/fakes/scoped_env.h"

namespace kinship {
namespace {

namespace fs = std::filesystem;
using testing::ScopedEnv;
using testing::TempDir;

// The loader's message with the scratch folder removed, so expectations read "suite.yaml:...".
std::string ErrorOf(const TempDir& dir, const fs::path& file) {
  try {
    LoadSuite(file);
  } catch (const ConfigError& e) {
    std::string message = e.what();
    std::string prefix = dir.path().string() + "/";
    for (auto pos = message.find(prefix); pos != std::string::npos; pos = message.find(prefix)) {
      message.erase(pos, prefix.size());
    }
    return message;
  }
  return "(no error)";
}

std::string SuiteError(const std::string& yaml) {
  TempDir dir;
  return ErrorOf(dir, dir.Write("suite.yaml", yaml));
}

const char* kHead = "name: t\nversion: \"1\"\n";

TEST_CASE("a minimal suite loads with defaults applied to every prompt") {
  TempDir dir;
  std::string yaml = std::string(kHead) +
                     "description: a test\n"
                     "defaults:\n"
                     "  system: Be brief.\n"
                     "  temperature: 0.8\n"
                     "  max_tokens: 160\n"
                     "  samples: 2\n"
                     "  seed: 7\n"
                     "  stop: [\"\\n\\n\"]\n"
                     "prompts:\n"
                     "  - id: a\n"
                     "    prompt: Explain tides.\n"
                     "    tags: [science, short]\n"
                     "  - id: b\n"
                     "    prompt: List three fruits.\n"
                     "    split: dev\n"
                     "    reference: apple, pear, plum\n";
  fs::path file = dir.Write("suite.yaml", yaml);
  Suite suite = LoadSuite(file);
  CHECK(suite.name == "t");
  CHECK(suite.version == "1");
  CHECK(suite.description == "a test");
  CHECK(suite.path == file.string());
  CHECK(suite.samples == 2);
  CHECK(suite.content_hash == Sha256Hex(yaml));
  REQUIRE(suite.prompts.size() == 2);
  const Prompt& a = suite.prompts[0];
  CHECK(a.suite == "t");
  CHECK(a.id == "a");
  REQUIRE(a.messages.size() == 2);
  CHECK(a.messages[0].role == Role::kSystem);
  CHECK(a.messages[0].content == "Be brief.");
  CHECK(a.messages[1].role == Role::kUser);
  CHECK(a.messages[1].content == "Explain tides.");
  CHECK(a.tags == std::vector<std::string>{"science", "short"});
  CHECK(a.split == "test");
  CHECK_FALSE(a.reference.has_value());
  CHECK(a.sampling.temperature == 0.8);
  CHECK(a.sampling.max_tokens == 160);
  CHECK(a.sampling.seed == 7u);
  CHECK(a.sampling.stop == std::vector<std::string>{"\n\n"});
  CHECK_FALSE(a.samples.has_value());
  CHECK(a.where.line == 12);
  CHECK(suite.prompts[1].split == "dev");
  CHECK(suite.prompts[1].reference == "apple, pear, plum");
}

TEST_CASE("prompt settings override the suite defaults field by field") {
  TempDir dir;
  Suite suite = LoadSuite(dir.Write("suite.yaml", std::string(kHead) +
                                                      "defaults: {temperature: 0.8, max_tokens: 160, system: S}\n"
                                                      "prompts:\n"
                                                      "  - id: a\n"
                                                      "    prompt: hi\n"
                                                      "    temperature: 0\n"
                                                      "    top_p: 0.5\n"
                                                      "    samples: 3\n"
                                                      "    stop: END\n"
                                                      "    system: Own system.\n"
                                                      "  - id: b\n"
                                                      "    prompt: hi\n"
                                                      "    system: ''\n"));
  const Prompt& a = suite.prompts[0];
  CHECK(a.sampling.temperature == 0.0);
  CHECK(a.sampling.top_p == 0.5);
  CHECK(a.sampling.max_tokens == 160);
  CHECK(a.samples == 3);
  CHECK(a.sampling.stop == std::vector<std::string>{"END"});
  CHECK(a.messages[0].content == "Own system.");
  // An explicit empty system prompt sends none, overriding the default.
  REQUIRE(suite.prompts[1].messages.size() == 1);
  CHECK(suite.prompts[1].messages[0].role == Role::kUser);
}

TEST_CASE("text fields keep the exact text written, whatever YAML would guess") {
  TempDir dir;
  Suite suite = LoadSuite(dir.Write("suite.yaml",
                                    "name: t\nversion: 1.10\nprompts:\n"
                                    "  - id: 007\n    prompt: no\n    reference: 1e3\n    tags: [yes, null1]\n"));
  CHECK(suite.version == "1.10");
  CHECK(suite.prompts[0].id == "007");
  CHECK(suite.prompts[0].messages[0].content == "no");
  CHECK(suite.prompts[0].reference == "1e3");
  CHECK(suite.prompts[0].tags == std::vector<std::string>{"yes", "null1"});
}

TEST_CASE("multi-turn messages keep their order and roles") {
  TempDir dir;
  Suite suite = LoadSuite(dir.Write("suite.yaml", std::string(kHead) +
                                                      "defaults: {system: Default.}\n"
                                                      "prompts:\n"
                                                      "  - id: chat\n"
                                                      "    messages:\n"
                                                      "      - {role: user, content: Hi}\n"
                                                      "      - {role: assistant, content: Hello!}\n"
                                                      "      - {role: user, content: Tell me a joke.}\n"
                                                      "  - id: own-system\n"
                                                      "    messages:\n"
                                                      "      - {role: system, content: Pirate.}\n"
                                                      "      - {role: user, content: Hi}\n"));
  const auto& chat = suite.prompts[0].messages;
  REQUIRE(chat.size() == 4);
  CHECK(chat[0].role == Role::kSystem);
  CHECK(chat[1].content == "Hi");
  CHECK(chat[2].role == Role::kAssistant);
  CHECK(chat[3].content == "Tell me a joke.");
  const auto& own = suite.prompts[1].messages;
  REQUIRE(own.size() == 2);
  CHECK(own[0].content == "Pirate.");  // the conversation's own system turn replaces the default
}

TEST_CASE("unknown keys are reported with location, field and did-you-mean") {
  CHECK(SuiteError(std::string(kHead) + "descripton: x\nprompts: [{id: a, prompt: b}]\n") ==
        "suite.yaml:3:1: descripton: unknown key; did you mean 'description'?");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    temprature: 0.5\n") ==
        "suite.yaml:6:5: prompts[0].temprature: unknown key; did you mean 'temperature'?");
  CHECK(SuiteError(std::string(kHead) + "defaults:\n  max_token: 5\nprompts: [{id: a, prompt: b}]\n") ==
        "suite.yaml:4:3: defaults.max_token: unknown key; did you mean 'max_tokens'?");
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    messages:\n      - {role: user, contents: b}\n") ==
        "suite.yaml:6:22: prompts[0].messages[0].contents: unknown key; did you mean 'content'?");
  // `assert` is a key now (assertion_test.cpp); a misspelling of it gets the suggestion.
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    asert: x\n") ==
        "suite.yaml:6:5: prompts[0].asert: unknown key; did you mean 'assert'?");
}

TEST_CASE("duplicate ids are rejected naming both places") {
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    prompt: b\n  - id: a\n    prompt: c\n") ==
        "suite.yaml:6:9: prompts[1].id: duplicate id 'a' (first defined at suite.yaml:4:9)");
}

TEST_CASE("empty prompts and ids are rejected") {
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: \"  \"\n") ==
        "suite.yaml:5:13: prompts[0].prompt: empty prompt text");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: ''\n    prompt: b\n") ==
        "suite.yaml:4:9: prompts[0].id: empty id");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - prompt: b\n") ==
        "suite.yaml:4:5: prompts[0].id: missing required key");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n") ==
        "suite.yaml:4:5: prompts[0].prompt: missing required key (give 'prompt' or 'messages')");
  CHECK(SuiteError(std::string(kHead) + "prompts: []\n") ==
        "suite.yaml:3:10: prompts: the suite has no prompts");
  CHECK(SuiteError(std::string(kHead)) ==
        "suite.yaml:1:1: prompts: missing required key (give 'prompts', 'dataset' or both)");
}

TEST_CASE("wrong types are reported as expected-a-X at the value") {
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    tags: science\n") ==
        "suite.yaml:6:11: prompts[0].tags: expected a list of strings, got 'science'");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    temperature: hot\n") ==
        "suite.yaml:6:18: prompts[0].temperature: expected a number, got 'hot'");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: [b]\n") ==
        "suite.yaml:5:13: prompts[0].prompt: expected a string, got a list");
  CHECK(SuiteError(std::string(kHead) + "prompts: {id: a}\n") ==
        "suite.yaml:3:10: prompts: expected a list, got a map");
  CHECK(SuiteError(std::string(kHead) + "defaults: 3\nprompts: [{id: a, prompt: b}]\n") ==
        "suite.yaml:3:11: defaults: expected a map, got '3'");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    max_tokens: 1.5\n") ==
        "suite.yaml:6:17: prompts[0].max_tokens: expected an integer, got '1.5'");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - just text\n") ==
        "suite.yaml:4:5: prompts[0]: expected a prompt (a map with id and prompt), got 'just text'");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt:\n  - id: b\n    prompt: x\n") ==
        "suite.yaml:5:5: prompts[0].prompt: expected a string, got nothing (null)");
  CHECK(SuiteError("- a\n- b\n") ==
        "suite.yaml:1:1: a suite file must be a map (name, version, prompts, ...), got a list");
}

TEST_CASE("sampling values outside their ranges are rejected") {
  auto with = [](const std::string& setting) {
    return SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    " + setting + "\n");
  };
  CHECK(with("temperature: 2.5") == "suite.yaml:6:18: prompts[0].temperature: must be between 0 and 2, got 2.5");
  CHECK(with("temperature: -0.1") == "suite.yaml:6:18: prompts[0].temperature: must be between 0 and 2, got -0.1");
  CHECK(with("top_p: 0") == "suite.yaml:6:12: prompts[0].top_p: must be greater than 0 and at most 1, got 0");
  CHECK(with("top_p: 1.5") == "suite.yaml:6:12: prompts[0].top_p: must be greater than 0 and at most 1, got 1.5");
  CHECK(with("max_tokens: 0") == "suite.yaml:6:17: prompts[0].max_tokens: must be a positive integer, got 0");
  CHECK(with("samples: 0") == "suite.yaml:6:14: prompts[0].samples: must be between 1 and 1000, got 0");
  CHECK(with("samples: 1001") == "suite.yaml:6:14: prompts[0].samples: must be between 1 and 1000, got 1001");
  CHECK(with("seed: -1") == "suite.yaml:6:11: prompts[0].seed: expected a non-negative integer, got '-1'");
  CHECK(with("split: tset") == "suite.yaml:6:12: prompts[0].split: must be 'dev' or 'test', got 'tset'; did you mean 'test'?");
  CHECK(with("split: tst") == "suite.yaml:6:12: prompts[0].split: must be 'dev' or 'test', got 'tst'; did you mean 'test'?");
  CHECK(with("stop: ['']") == "suite.yaml:6:11: prompts[0].stop: stop sequences must not be empty");
  CHECK(with("top_p: 1") == "(no error)");
  CHECK(with("temperature: 2") == "(no error)");
  CHECK(with("samples: 1000") == "(no error)");
}

TEST_CASE("suite name and version are validated") {
  CHECK(SuiteError("name: My Suite\nversion: '1'\nprompts: [{id: a, prompt: b}]\n") ==
        "suite.yaml:1:7: name: 'My Suite' is not a valid suite name (lower-case letters, digits, "
        "'_', '.', '-', starting with a letter or digit)");
  CHECK(SuiteError("name: -x\nversion: '1'\nprompts: [{id: a, prompt: b}]\n").find("name: '-x' is not") !=
        std::string::npos);
  CHECK(SuiteError("name: ok_1.2-x\nversion: '1'\nprompts: [{id: a, prompt: b}]\n") == "(no error)");
  CHECK(SuiteError("name: t\nversion: ''\nprompts: [{id: a, prompt: b}]\n") ==
        "suite.yaml:2:10: version: must not be empty");
  CHECK(SuiteError("version: '1'\nprompts: [{id: a, prompt: b}]\n") ==
        "suite.yaml:1:1: name: missing required key");
}

TEST_CASE("conversation shape errors name the message") {
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    messages:\n      - {role: user, content: hi}\n"
                   "      - {role: assistant, content: hello}\n") ==
        "suite.yaml:7:9: prompts[0].messages: the conversation must end with a user message");
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    messages:\n      - {role: usr, content: hi}\n") ==
        "suite.yaml:6:16: prompts[0].messages[0].role: unknown role 'usr' (expected system, user "
        "or assistant); did you mean 'user'?");
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    messages:\n      - {role: user, content: hi}\n"
                   "      - {role: system, content: x}\n      - {role: user, content: hi}\n") ==
        "suite.yaml:7:16: prompts[0].messages[1].role: a system message may only come first");
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    system: s\n    messages:\n      - {role: system, content: x}\n"
                   "      - {role: user, content: hi}\n") ==
        "suite.yaml:5:5: prompts[0].system: give the system prompt either as 'system' or as the "
        "first message, not both");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: b\n    messages: []\n") ==
        "suite.yaml:6:15: prompts[0].messages: give either 'prompt' or 'messages', not both");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    messages: []\n") ==
        "suite.yaml:5:15: prompts[0].messages: expected at least one message");
  CHECK(SuiteError(std::string(kHead) +
                   "prompts:\n  - id: a\n    messages:\n      - {role: user, content: ''}\n") ==
        "suite.yaml:6:31: prompts[0].messages[0].content: empty prompt text");
}

TEST_CASE("YAML syntax errors become ConfigErrors with file, line and column") {
  std::string message = SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: [unclosed\n");
  CHECK(message.rfind("suite.yaml:", 0) == 0);
  CHECK(message.find(": YAML syntax error: ") != std::string::npos);
  CHECK(SuiteError("name: t\nname: u\n") ==
        "suite.yaml:2:1: name: duplicate key (first written at suite.yaml:1:1)");
}

TEST_CASE("invalid UTF-8 is rejected with its location") {
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: a\n    prompt: caf\xC3(\n") ==
        "suite.yaml:5:16: invalid UTF-8 (files must be UTF-8 encoded)");
}

TEST_CASE("Kazakh, Russian, Chinese and Arabic text round-trips byte for byte") {
  const std::string kazakh = "Қазақ тілінде қысқаша жауап беріңіз: көктем неге жылы?";
  const std::string russian = "Объясните, почему небо голубое, в двух предложениях.";
  const std::string chinese = "请用三句话解释什么是光合作用。";
  const std::string arabic = "اشرح باختصار لماذا نحتاج إلى النوم.";
  TempDir dir;
  std::string yaml = std::string(kHead) + "defaults: {system: \"" + russian + "\"}\n" +
                     "dataset: rows.jsonl\nprompts:\n" +
                     "  - id: kk-1\n    prompt: '" + kazakh + "'\n    reference: \"" + kazakh + "\"\n" +
                     "  - id: \"中文\"\n    prompt: |\n      " + chinese + "\n      " + arabic + "\n";
  dir.Write("suite.yaml", yaml);
  dir.Write("rows.jsonl", "{\"id\": \"ar-1\", \"prompt\": \"" + arabic + "\", \"tags\": [\"" +
                              kazakh + "\"]}\n");
  Suite suite = LoadSuite(dir.path() / "suite.yaml");
  REQUIRE(suite.prompts.size() == 3);
  CHECK(suite.prompts[0].messages[0].content == russian);
  CHECK(suite.prompts[0].messages[1].content == kazakh);
  CHECK(suite.prompts[0].reference == kazakh);
  CHECK(suite.prompts[1].id == "中文");
  CHECK(suite.prompts[1].messages[1].content == chinese + "\n" + arabic + "\n");
  CHECK(suite.prompts[2].messages[1].content == arabic);
  CHECK(suite.prompts[2].tags == std::vector<std::string>{kazakh});
}

TEST_CASE("templates expand over the suite's vars rows") {
  TempDir dir;
  Suite suite = LoadSuite(dir.Write("suite.yaml", std::string(kHead) +
                                                      "defaults: {system: 'You know {{city}}.'}\n"
                                                      "vars:\n"
                                                      "  - {city: Almaty, lang: Kazakh}\n"
                                                      "  - {city: Cairo, lang: Arabic}\n"
                                                      "prompts:\n"
                                                      "  - id: food-{{ city }}\n"
                                                      "    prompt: 'What should I eat in {{city}}? ({{lang}})'\n"
                                                      "    reference: '{{city}}'\n"
                                                      "  - id: plain\n"
                                                      "    prompt: no braces here\n"
                                                      "    system: ''\n"));
  REQUIRE(suite.prompts.size() == 3);
  CHECK(suite.prompts[0].id == "food-Almaty");
  CHECK(suite.prompts[0].messages[0].content == "You know Almaty.");
  CHECK(suite.prompts[0].messages[1].content == "What should I eat in Almaty? (Kazakh)");
  CHECK(suite.prompts[0].reference == "Almaty");
  CHECK(suite.prompts[1].id == "food-Cairo");
  CHECK(suite.prompts[1].messages[1].content == "What should I eat in Cairo? (Arabic)");
  CHECK(suite.prompts[2].id == "plain");  // not a template: used once, not once per row
}

TEST_CASE("a prompt's own vars rows replace the suite's") {
  TempDir dir;
  Suite suite = LoadSuite(dir.Write("suite.yaml", std::string(kHead) +
                                                      "vars: [{x: suite}]\n"
                                                      "prompts:\n"
                                                      "  - id: p-{{x}}\n"
                                                      "    messages:\n"
                                                      "      - {role: user, content: 'say {{x}}'}\n"
                                                      "    vars: [{x: one}, {x: two}, {x: '{{y}}'}]\n"));
  REQUIRE(suite.prompts.size() == 3);
  CHECK(suite.prompts[0].id == "p-one");
  CHECK(suite.prompts[1].messages[0].content == "say two");
  CHECK(suite.prompts[2].id == "p-{{y}}");  // values are inserted, never expanded again
}

TEST_CASE("template: false keeps braces literally") {
  TempDir dir;
  Suite suite = LoadSuite(dir.Write("suite.yaml", std::string(kHead) +
                                                      "prompts:\n"
                                                      "  - id: jinja\n"
                                                      "    prompt: 'What does {{ name }} do in Jinja?'\n"
                                                      "    template: false\n"));
  CHECK(suite.prompts[0].messages[0].content == "What does {{ name }} do in Jinja?");
}

TEST_CASE("bad templates are reported at the offending string") {
  CHECK(SuiteError(std::string(kHead) + "vars: [{city: A}]\nprompts:\n  - id: x-{{city}}\n    prompt: 'in {{cty}}'\n") ==
        "suite.yaml:6:13: prompts[0].prompt: unknown variable 'cty' in template (at character 4); did you mean 'city'?");
  CHECK(SuiteError(std::string(kHead) + "vars: [{city: A}]\nprompts:\n  - id: x-{{city}}\n    prompt: 'in {{city'\n") ==
        "suite.yaml:6:13: prompts[0].prompt: unclosed '{{' in template (at character 4)");
  CHECK(SuiteError(std::string(kHead) + "vars: [{city: A}]\nprompts:\n  - id: x-{{city}}\n    prompt: 'in {{ }}'\n") ==
        "suite.yaml:6:13: prompts[0].prompt: empty variable name '{{}}' in template (at character 4)");
  CHECK(SuiteError(std::string(kHead) + "vars: [{city: A}]\nprompts:\n  - id: x-{{city}}\n    prompt: 'in {{a b}}'\n") ==
        "suite.yaml:6:13: prompts[0].prompt: bad variable name 'a b' in template (use letters, digits and _) (at character 4)");
  CHECK(SuiteError(std::string(kHead) + "prompts:\n  - id: x\n    prompt: 'in {{city}}'\n") ==
        "suite.yaml:5:13: prompts[0].prompt: template uses variables but neither the prompt nor the "
        "suite defines 'vars' (or set 'template: false' to keep '{{' literally)");
  CHECK(SuiteError(std::string(kHead) + "vars: [{city: A}, {city: B}]\nprompts:\n  - id: same\n    prompt: 'in {{city}}'\n") ==
        "suite.yaml:5:9: prompts[0].id: template produced the id 'same' for vars rows 1 and 2; put a "
        "{{variable}} in the id so each row gets its own");
  CHECK(SuiteError(std::string(kHead) + "vars: [{city: ''}]\nprompts:\n  - id: x\n    prompt: '{{city}}'\n") ==
        "suite.yaml:6:13: prompts[0].prompt: empty prompt text after template expansion");
  CHECK(SuiteError(std::string(kHead) + "vars: [{1city: A}]\nprompts:\n  - id: x\n    prompt: y\n") ==
        "suite.yaml:3:9: vars[0].1city: bad variable name (use letters, digits and _, not starting with a digit)");
  CHECK(SuiteError(std::string(kHead) + "vars: {city: A}\nprompts:\n  - id: x\n    prompt: y\n") ==
        "suite.yaml:3:7: vars: expected a list, got a map");
}

TEST_CASE("dataset rows follow the inline prompts and join the content hash") {
  TempDir dir;
  std::string yaml = std::string(kHead) +
                     "defaults: {temperature: 0.5}\n"
                     "dataset: [data/a.jsonl, b.jsonl]\n"
                     "prompts:\n  - id: inline\n    prompt: x\n";
  std::string a = "{\"id\": \"a1\", \"prompt\": \"first\", \"split\": \"dev\"}\n\n"
                  "{\"id\": \"a2\", \"messages\": [{\"role\": \"user\", \"content\": \"second\"}], \"temperature\": 1}\n";
  std::string b = "{\"id\": \"b1\", \"prompt\": \"third\", \"tags\": [\"t\"], \"reference\": \"r\"}";
  dir.Write("suite.yaml", yaml);
  dir.Write("data/a.jsonl", a);
  dir.Write("b.jsonl", b);
  Suite suite = LoadSuite(dir.path() / "suite.yaml");
  REQUIRE(suite.prompts.size() == 4);
  CHECK(suite.prompts[0].id == "inline");
  CHECK(suite.prompts[1].id == "a1");
  CHECK(suite.prompts[1].split == "dev");
  CHECK(suite.prompts[1].sampling.temperature == 0.5);
  CHECK(suite.prompts[2].messages[0].content == "second");
  CHECK(suite.prompts[2].sampling.temperature == 1.0);
  CHECK(suite.prompts[2].where.line == 3);
  CHECK(suite.prompts[3].reference == "r");
  CHECK(suite.datasets == std::vector<std::string>{"data/a.jsonl", "b.jsonl"});
  CHECK(suite.content_hash == Sha256Hex(yaml + a + b));
}

TEST_CASE("dataset errors name the dataset file, line and column") {
  TempDir dir;
  fs::path suite = dir.Write("suite.yaml", std::string(kHead) + "dataset: rows.jsonl\n");
  dir.Write("rows.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"promt\": \"x\"}\n");
  CHECK(ErrorOf(dir, suite) == "rows.jsonl:2:13: promt: unknown key; did you mean 'prompt'?");
  dir.Write("rows.jsonl", "{\"id\": \"a\", \"prompt\": \"x\", \"temperature\": \"hot\"}\n");
  CHECK(ErrorOf(dir, suite) == "rows.jsonl:1:28: temperature: expected a number, got 'hot'");
  dir.Write("rows.jsonl", "{\"id\": 7, \"prompt\": \"x\"}\n");
  CHECK(ErrorOf(dir, suite) == "rows.jsonl:1:2: id: expected a string, got a number");
  dir.Write("rows.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"prompt\": }\n");
  CHECK(ErrorOf(dir, suite).rfind("rows.jsonl:2:23: invalid JSON: ", 0) == 0);
  dir.Write("rows.jsonl", "[1, 2]\n");
  CHECK(ErrorOf(dir, suite) ==
        "rows.jsonl:1:1: expected a prompt (a map with id and prompt), got a list");
  dir.Write("rows.jsonl", "\n  \n");
  CHECK(ErrorOf(dir, suite) == "suite.yaml:3:10: dataset: dataset 'rows.jsonl' has no prompts");
  dir.Write("rows.jsonl", "{\"id\": \"a\", \"prompt\": \"\xFF\"}\n");
  CHECK(ErrorOf(dir, suite) == "rows.jsonl:1:24: invalid UTF-8 (files must be UTF-8 encoded)");
}

TEST_CASE("duplicate ids across inline prompts and datasets are rejected") {
  TempDir dir;
  fs::path suite = dir.Write("suite.yaml", std::string(kHead) +
                                               "dataset: rows.jsonl\nprompts:\n  - id: shared\n    prompt: x\n");
  dir.Write("rows.jsonl", "{\"prompt\": \"y\", \"id\": \"shared\"}\n");
  CHECK(ErrorOf(dir, suite) ==
        "rows.jsonl:1:17: id: duplicate id 'shared' (first defined at suite.yaml:5:9)");
}

TEST_CASE("dataset paths may not leave the suite's folder") {
  TempDir dir;
  dir.Write("outside.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n");
  dir.Write("suites/inside.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n");
  auto error_for = [&](const std::string& dataset) {
    return ErrorOf(dir, dir.Write("suites/suite.yaml",
                                  std::string(kHead) + "dataset: '" + dataset + "'\n"));
  };
  CHECK(error_for("../outside.jsonl") ==
        "suites/suite.yaml:3:10: dataset: dataset path '../outside.jsonl' escapes the suite's folder");
  CHECK(error_for("sub/../../outside.jsonl") ==
        "suites/suite.yaml:3:10: dataset: dataset path 'sub/../../outside.jsonl' escapes the suite's folder");
  // (ErrorOf strips the scratch folder from the message, so the absolute path shows short.)
  CHECK(error_for((dir.path() / "outside.jsonl").string()) ==
        "suites/suite.yaml:3:10: dataset: dataset path 'outside.jsonl' is absolute; give a path "
        "relative to the suite's folder");
  fs::create_symlink(dir.path() / "outside.jsonl", dir.path() / "suites/link.jsonl");
  CHECK(error_for("link.jsonl") ==
        "suites/suite.yaml:3:10: dataset: dataset path 'link.jsonl' escapes the suite's folder");
  fs::create_directory_symlink(dir.path(), dir.path() / "suites/up");
  CHECK(error_for("up/outside.jsonl") ==
        "suites/suite.yaml:3:10: dataset: dataset path 'up/outside.jsonl' escapes the suite's folder");
  CHECK(error_for("missing.jsonl") ==
        "suites/suite.yaml:3:10: dataset: dataset file 'suites/missing.jsonl' does not exist or is not a file");
  CHECK(error_for("") == "suites/suite.yaml:3:10: dataset: empty dataset path");
  // `..` that stays inside, and a symlink inside the folder, are fine.
  fs::create_symlink(dir.path() / "suites/inside.jsonl", dir.path() / "suites/alias.jsonl");
  CHECK(error_for("./sub/../inside.jsonl") == "(no error)");
  CHECK(error_for("alias.jsonl") == "(no error)");
}

TEST_CASE("suite names resolve through KINSHIP_SUITES_DIR, then the built-in folder") {
  TempDir first;
  TempDir second;
  first.Write("alpha.yaml", "x");
  second.Write("alpha.yaml", "x");
  second.Write("beta.yaml", "x");
  second.Write("notes.txt", "x");
  ScopedEnv env("KINSHIP_SUITES_DIR", first.path().string() + "::" + second.path().string());
  CHECK(ResolveSuitePath("alpha") == first.path() / "alpha.yaml");
  CHECK(ResolveSuitePath("beta") == second.path() / "beta.yaml");
  CHECK(ResolveSuitePath("demo") == fs::path(KINSHIP_SOURCE_DIR) / "suites" / "demo.yaml");
  fs::path direct = second.path() / "beta.yaml";
  CHECK(ResolveSuitePath(direct.string()) == direct);
  auto names = ListBuiltinSuites();
  std::set<std::string> set(names.begin(), names.end());
  CHECK(set.count("alpha") == 1);
  CHECK(set.count("beta") == 1);
  CHECK(set.count("demo") == 1);
  CHECK(set.count("notes") == 0);
  CHECK(names.size() == set.size());
  try {
    ResolveSuitePath("demos");
    FAIL("expected an error");
  } catch (const ConfigError& e) {
    std::string message = e.what();
    CHECK(message.rfind("unknown suite 'demos' (looked in " + first.path().string(), 0) == 0);
    CHECK(message.size() > 22);
    CHECK(message.substr(message.size() - 22) == "; did you mean 'demo'?");
  }
  CHECK_THROWS_WITH(ResolveSuitePath("no/such.yaml"), "no/such.yaml: no such suite file");
}

TEST_CASE("the demo suite loads and covers what it promises") {
  Suite suite = LoadSuite(fs::path(KINSHIP_SOURCE_DIR) / "suites" / "demo.yaml");
  CHECK(suite.name == "demo");
  CHECK(suite.version == "1");
  CHECK(suite.samples == 2);
  CHECK(suite.prompts.size() >= 38);
  CHECK(suite.prompts.size() <= 48);
  std::set<std::string> splits;
  int multi_turn = 0;
  for (const auto& prompt : suite.prompts) {
    splits.insert(prompt.split);
    CHECK(prompt.sampling.temperature == 0.8);
    CHECK(prompt.sampling.max_tokens == 160);
    CHECK(prompt.sampling.seed == 7u);
    CHECK_FALSE(prompt.tags.empty());
    int user_turns = 0;
    for (const auto& m : prompt.messages) user_turns += m.role == Role::kUser;
    multi_turn += user_turns > 1;
  }
  CHECK(splits == std::set<std::string>{"dev", "test"});
  CHECK(multi_turn >= 2);
  auto has_tag = [&](const std::string& tag) {
    for (const auto& prompt : suite.prompts) {
      for (const auto& t : prompt.tags) {
        if (t == tag) return true;
      }
    }
    return false;
  };
  for (const char* language : {"kk", "ru", "zh", "ar"}) CHECK(has_tag(std::string("lang-") + language));
  CHECK(has_tag("templated"));
}

TEST_CASE("the golden bad suites fail with the first line in their .expected file") {
  // Paths as a user would type them from the repository root.
  fs::path saved = fs::current_path();
  fs::current_path(KINSHIP_SOURCE_DIR);
  int checked = 0;
  for (const auto& entry : fs::directory_iterator("tests/data/suites")) {
    if (entry.path().extension() != ".yaml") continue;
    fs::path expected_file = entry.path();
    expected_file.replace_extension(".expected");
    if (!fs::exists(expected_file)) continue;
    std::string expected = ReadFileOrThrow(expected_file);
    expected = expected.substr(0, expected.find('\n'));
    std::string relative = "tests/data/suites/" + entry.path().filename().string();
    std::string actual = "(no error)";
    try {
      LoadSuite(relative);
    } catch (const ConfigError& e) {
      actual = e.what();
      actual = actual.substr(0, actual.find('\n'));
    }
    INFO(relative);
    CHECK(actual == expected);
    ++checked;
  }
  fs::current_path(saved);
  CHECK(checked >= 4);
}

}  // namespace
}  // namespace kinship
