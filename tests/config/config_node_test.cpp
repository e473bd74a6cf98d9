#include "harness/config/config_node.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace kinship {
namespace {

TEST_CASE("YAML values carry 1-based line and column") {
  ConfigNode root = ParseYaml("a: 1\nlist:\n  - x\n  - {k: v}\n", "f.yaml");
  REQUIRE(root.IsMap());
  CHECK(root.where.ToString() == "f.yaml:1:1");
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[1].key_where.ToString() == "f.yaml:2:1");
  const ConfigNode* list = root.Find("list");
  REQUIRE(list);
  REQUIRE(list->items.size() == 2);
  CHECK(list->items[0].where.ToString() == "f.yaml:3:5");
  CHECK(list->items[1].Find("k")->where.ToString() == "f.yaml:4:9");
  CHECK(root.Find("missing") == nullptr);
}

TEST_CASE("plain and quoted YAML scalars are told apart") {
  ConfigNode root = ParseYaml("a: no\nb: 'no'\nc: |\n  block\nd:\ne: ~\n", "f.yaml");
  CHECK(root.Find("a")->style == ConfigNode::Style::kPlain);
  CHECK(root.Find("b")->style == ConfigNode::Style::kQuoted);
  CHECK(root.Find("c")->style == ConfigNode::Style::kQuoted);
  CHECK(root.Find("c")->text == "block\n");
  CHECK(root.Find("d")->IsNull());
  CHECK(root.Find("e")->IsNull());
}

TEST_CASE("an empty YAML document is a null node at line 1") {
  ConfigNode root = ParseYaml("", "f.yaml");
  CHECK(root.IsNull());
  CHECK(root.where.ToString() == "f.yaml:1:1");
}

TEST_CASE("decoders convert by schema and reject other shapes") {
  ConfigNode root = ParseYaml("n: 0.25\ni: 42\nb: true\ns: 12\nq: '3'\nl: [a, b]\nbig: 18446744073709551615\n", "f.yaml");
  CHECK(DecodeDouble(*root.Find("n"), "n") == 0.25);
  CHECK(DecodeInt(*root.Find("i"), "i") == 42);
  CHECK(DecodeBool(*root.Find("b"), "b"));
  CHECK(DecodeString(*root.Find("s"), "s") == "12");
  CHECK(DecodeUint64(*root.Find("big"), "big") == 18446744073709551615ull);
  CHECK(DecodeStringList(*root.Find("l"), "l", false) == std::vector<std::string>{"a", "b"});
  CHECK(DecodeStringList(*root.Find("s"), "s", true) == std::vector<std::string>{"12"});
  CHECK_THROWS_WITH(DecodeDouble(*root.Find("q"), "q"), "f.yaml:5:4: q: expected a number, got '3'");
  CHECK_THROWS_WITH(DecodeString(*root.Find("l"), "l"), "f.yaml:6:4: l: expected a string, got a list");
  CHECK_THROWS_WITH(DecodeBool(*root.Find("i"), "i"), "f.yaml:2:4: i: expected true or false, got '42'");
  CHECK_THROWS_WITH(DecodeStringList(*root.Find("s"), "s", false),
                    "f.yaml:4:4: s: expected a list of strings, got '12'");
}

TEST_CASE("numbers must be entirely numeric and finite") {
  ConfigNode root = ParseYaml("a: 1.5x\nb: .inf\nc: nan\nd: 1e400\n", "f.yaml");
  for (const char* key : {"a", "b", "c", "d"}) {
    CHECK_THROWS_AS(DecodeDouble(*root.Find(key), key), ConfigError);
  }
}

TEST_CASE("YAML syntax errors, duplicate keys and bad UTF-8 are located") {
  CHECK_THROWS_WITH(ParseYaml("a: [1,\n", "f.yaml"),
                    Catch::StartsWith("f.yaml:") && Catch::Contains("YAML syntax error"));
  CHECK_THROWS_WITH(ParseYaml("a: 1\nb: 2\na: 3\n", "f.yaml"),
                    "f.yaml:3:1: a: duplicate key (first written at f.yaml:1:1)");
  CHECK_THROWS_WITH(ParseYaml("a: 1\nb: \xE2\x82\n", "f.yaml"),
                    "f.yaml:2:4: invalid UTF-8 (files must be UTF-8 encoded)");
  CHECK_THROWS_WITH(ParseYaml("? [a]\n: 1\n", "f.yaml"), "f.yaml:1:3: map keys must be plain text");
}

TEST_CASE("JSON lines locate top-level keys by column") {
  ConfigNode row = ParseJsonLine(R"({"id": "a", "n": 1.5, "t": true, "l": ["x"]})", "d.jsonl", 7);
  CHECK(row.where.ToString() == "d.jsonl:7:1");
  CHECK(row.entries[1].key_where.ToString() == "d.jsonl:7:13");
  CHECK(row.Find("n")->style == ConfigNode::Style::kJsonNumber);
  CHECK(DecodeDouble(*row.Find("n"), "n") == 1.5);
  CHECK_THROWS_WITH(DecodeString(*row.Find("n"), "n"), "d.jsonl:7:13: n: expected a string, got a number");
  CHECK_THROWS_WITH(DecodeString(*row.Find("t"), "t"), "d.jsonl:7:23: t: expected a string, got a boolean");
  CHECK(DecodeStringList(*row.Find("l"), "l", false) == std::vector<std::string>{"x"});
  CHECK_THROWS_WITH(ParseJsonLine("{\"a\": }", "d.jsonl", 2),
                    Catch::StartsWith("d.jsonl:2:7: invalid JSON: "));
}

TEST_CASE("NodeToJson types plain YAML scalars naturally and keeps quoted ones as text") {
  ConfigNode root = ParseYaml(
      "i: 3\nf: 0.5\nt: true\nno_: no\nq: '3'\nn: ~\nneg: -2\nl: [1, a]\nm: {k: v}\n", "f.yaml");
  nlohmann::json json = NodeToJson(root);
  CHECK(json["i"] == 3);
  CHECK(json["i"].is_number_integer());
  CHECK(json["f"] == 0.5);
  CHECK(json["t"] == true);
  CHECK(json["no_"] == "no");
  CHECK(json["q"] == "3");
  CHECK(json["n"].is_null());
  CHECK(json["neg"] == -2);
  CHECK(json["l"] == nlohmann::json::array({1, "a"}));
  CHECK(json["m"] == nlohmann::json{{"k", "v"}});
}

TEST_CASE("unknown keys get a did-you-mean from the allowed list") {
  ConfigNode root = ParseYaml("modle: x\n", "f.yaml");
  CHECK_THROWS_WITH(RejectUnknownKeys(root, {"model", "adapter"}, "models.a"),
                    "f.yaml:1:1: models.a.modle: unknown key; did you mean 'model'?");
  CHECK_NOTHROW(RejectUnknownKeys(root, {"modle"}, ""));
}

}  // namespace
}  // namespace kinship
