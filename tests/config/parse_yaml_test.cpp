// ParseYaml on libyaml: the located tree it builds (the shape yaml-cpp used to give) and
// the errors it reports. config_node_test.cpp covers the decoders on top of it.
#include <string>

#include <catch2/catch.hpp>

#include "harness/config/config_node.h"

namespace kinship {
namespace {

ConfigNode Parse(const std::string& text) { return ParseYaml(text, "f.yaml"); }

TEST_CASE("nested YAML nodes and keys are located by line and byte column") {
  ConfigNode root = Parse(
      "prompts:\n"
      "  - id: a\n"
      "    messages:\n"
      "      - {role: user, content: hi}\n"
      "    tags: [x, 'y']\n");
  const ConfigNode& prompt = root.Find("prompts")->items.at(0);
  CHECK(root.Find("prompts")->where.ToString() == "f.yaml:2:3");
  CHECK(prompt.where.ToString() == "f.yaml:2:5");
  CHECK(prompt.entries.at(1).key_where.ToString() == "f.yaml:3:5");
  const ConfigNode& message = prompt.Find("messages")->items.at(0);
  CHECK(message.where.ToString() == "f.yaml:4:9");
  CHECK(message.entries.at(1).key_where.ToString() == "f.yaml:4:22");
  CHECK(message.Find("content")->where.ToString() == "f.yaml:4:31");
  CHECK(prompt.Find("tags")->items.at(1).where.ToString() == "f.yaml:5:15");
}

TEST_CASE("empty YAML values are null, located at their key or at the next token") {
  ConfigNode root = Parse("a:\nlist:\n  - x\n  -\n  # note\n  - y\n  -\n");
  CHECK(root.Find("a")->IsNull());
  CHECK(root.Find("a")->where.ToString() == "f.yaml:1:1");
  const ConfigNode& list = *root.Find("list");
  REQUIRE(list.items.size() == 4);
  CHECK(list.items[1].IsNull());
  // Where yaml-cpp put an empty item: the next `-`, or the end of the text.
  CHECK(list.items[1].where.ToString() == "f.yaml:6:3");
  CHECK(list.items[3].where.ToString() == "f.yaml:8:1");
}

TEST_CASE("only untagged plain YAML scalars can be null") {
  ConfigNode root = Parse("a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\nf: 'null'\ng: !!str\nh: !!str null\n");
  for (const char* key : {"a", "b", "c", "d"}) CHECK(root.Find(key)->IsNull());
  CHECK(root.Find("e")->style == ConfigNode::Style::kPlain);
  CHECK(root.Find("e")->text == "nULL");
  CHECK(root.Find("f")->style == ConfigNode::Style::kQuoted);
  CHECK(root.Find("g")->IsScalar());
  CHECK(root.Find("g")->text.empty());
  CHECK(root.Find("h")->style == ConfigNode::Style::kQuoted);
  CHECK(root.Find("h")->text == "null");
}

TEST_CASE("an explicit YAML tag keeps a scalar's text as written") {
  ConfigNode root = Parse("a: !!str 007\nb: !custom yes\nc: ! 1.5\nd: 007\n");
  for (const char* key : {"a", "b", "c"}) {
    CHECK(root.Find(key)->style == ConfigNode::Style::kQuoted);
  }
  CHECK(root.Find("a")->text == "007");
  CHECK(root.Find("b")->text == "yes");
  CHECK(root.Find("d")->style == ConfigNode::Style::kPlain);
}

TEST_CASE("YAML block scalars keep their exact text") {
  ConfigNode root = Parse(
      "literal: |\n"
      "  first line\n"
      "    indented\n"
      "\n"
      "  last\n"
      "folded: >\n"
      "  one\n"
      "  two\n"
      "\n"
      "  three\n"
      "strip: |-\n"
      "  no newline\n"
      "keep: |+\n"
      "  kept\n"
      "\n"
      "after: 1\n");
  CHECK(root.Find("literal")->text == "first line\n  indented\n\nlast\n");
  CHECK(root.Find("folded")->text == "one two\nthree\n");
  CHECK(root.Find("strip")->text == "no newline");
  CHECK(root.Find("keep")->text == "kept\n\n");
  for (const char* key : {"literal", "folded", "strip", "keep"}) {
    CHECK(root.Find(key)->style == ConfigNode::Style::kQuoted);
  }
  CHECK(root.Find("literal")->where.ToString() == "f.yaml:1:10");
}

TEST_CASE("Kazakh, Chinese and Arabic YAML text round-trips byte for byte") {
  const std::string kazakh = "Қазақстанның астанасы қай қала?";
  const std::string chinese = "请用一句话总结这段文字。";
  const std::string arabic = "ما هي عاصمة كازاخستان؟";
  ConfigNode root = Parse("kk: " + kazakh + "\nzh: \"" + chinese + "\"\nar: |\n  " + arabic +
                          "\nlist: [" + kazakh + ", " + chinese + "]\n");
  CHECK(root.Find("kk")->text == kazakh);
  CHECK(root.Find("zh")->text == chinese);
  CHECK(root.Find("ar")->text == arabic + "\n");
  // Columns count bytes: the second item starts after the Kazakh one's bytes.
  const ConfigNode& list = *root.Find("list");
  CHECK(list.items.at(1).text == chinese);
  CHECK(list.items.at(1).where.column == static_cast<int>(8 + kazakh.size() + 2));
}

TEST_CASE("a byte order mark and CRLF line ends do not move locations") {
  ConfigNode root = Parse("\xEF\xBB\xBFname: x\r\nlist:\r\n  - \"ключ\": 1\r\n");
  CHECK(root.Find("name")->text == "x");
  CHECK(root.Find("name")->where.ToString() == "f.yaml:1:7");
  const ConfigNode& item = root.Find("list")->items.at(0);
  CHECK(item.entries.at(0).key == "ключ");
  CHECK(item.Find("ключ")->where.ToString() == "f.yaml:3:17");
}

TEST_CASE("a YAML alias is a copy of its anchored node, located where the anchor is") {
  ConfigNode root = Parse(
      "defaults: &base\n"
      "  temperature: 0.5\n"
      "  stop: [a, b]\n"
      "first: *base\n"
      "second:\n"
      "  - *base\n"
      "  - &text hello\n"
      "  - *text\n");
  const ConfigNode& base = *root.Find("defaults");
  const ConfigNode& first = *root.Find("first");
  REQUIRE(first.IsMap());
  CHECK(first.Find("temperature")->text == "0.5");
  CHECK(first.Find("stop")->items.size() == 2);
  CHECK(first.where.ToString() == base.where.ToString());
  CHECK(first.Find("stop")->where.ToString() == "f.yaml:3:9");
  const ConfigNode& second = *root.Find("second");
  CHECK(second.items.at(0).Find("stop")->items.at(1).text == "b");
  CHECK(second.items.at(2).text == "hello");
  CHECK(second.items.at(2).where.ToString() == "f.yaml:7:5");
}

TEST_CASE("a YAML alias without an earlier anchor, or inside its own node, is an error") {
  CHECK_THROWS_WITH(Parse("a: *nope\n"),
                    "f.yaml:1:4: YAML syntax error: alias *nope refers to no anchor &nope before it");
  CHECK_THROWS_WITH(Parse("a: &loop [1, *loop]\n"),
                    "f.yaml:1:14: YAML syntax error: alias *loop is inside the node anchored "
                    "&loop (a node cannot contain itself)");
}

TEST_CASE("YAML syntax errors give libyaml's reason at the problem's line and column") {
  CHECK_THROWS_WITH(Parse("a:\n  b: 1\n c: 2\n"),
                    "f.yaml:3:2: YAML syntax error: did not find expected key (while parsing a "
                    "block mapping at line 1, column 1)");
  CHECK_THROWS_WITH(Parse("prompt: \"unterminated\n"),
                    "f.yaml:2:1: YAML syntax error: found unexpected end of stream (while scanning "
                    "a quoted scalar at line 1, column 9)");
  // Columns count bytes here too.
  CHECK_THROWS_WITH(Parse("q: \"ключ\": 1\n"),
                    "f.yaml:1:14: YAML syntax error: mapping values are not allowed in this context");
}

TEST_CASE("tabs cannot indent YAML, but may stand inside values") {
  CHECK_THROWS_WITH(Parse("prompt:\n\tid: a\n"),
                    "f.yaml:2:1: YAML syntax error: found character that cannot start any token "
                    "(while scanning for the next token); YAML cannot indent with tabs, use spaces");
  CHECK_THROWS_WITH(Parse("a: b\n\tc: d\n"),
                    Catch::StartsWith("f.yaml:2:1: YAML syntax error: found a tab character"));
  ConfigNode root = Parse("a: x\ty\nb: \"\\t\"\n");
  CHECK(root.Find("a")->text == "x\ty");
  CHECK(root.Find("b")->text == "\t");
}

TEST_CASE("YAML nested deeper than 500 lists and maps is refused") {
  auto nested = [](int depth) {
    return "a: " + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "\n";
  };
  CHECK_NOTHROW(Parse(nested(500)));
  CHECK_THROWS_WITH(Parse(nested(501)),
                    "f.yaml:1:503: YAML syntax error: nested deeper than 500 lists and maps");
}

TEST_CASE("control characters must be escaped in YAML") {
  CHECK_THROWS_WITH(Parse("a: 1\nb: x\x01y\n"),
                    "f.yaml:2:5: YAML syntax error: control characters are not allowed (U+0001)");
  CHECK(Parse("b: \"x\\x01y\"\n").Find("b")->text == "x\x01y");
}

TEST_CASE("a syntax error anywhere in the document comes before a duplicate key") {
  CHECK_THROWS_WITH(Parse("a: 1\na: 2\nb: [\n"), Catch::Contains("YAML syntax error"));
  CHECK_THROWS_WITH(Parse("m:\n  k: 1\n  k: 2\n"),
                    "f.yaml:3:3: k: duplicate key (first written at f.yaml:2:3)");
}

TEST_CASE("only the first YAML document is read") {
  ConfigNode root = Parse("a: 1\n---\nb: [unclosed\n");
  CHECK(root.Find("a")->text == "1");
  CHECK(root.Find("b") == nullptr);
  CHECK_THROWS_WITH(Parse("{a: 1}]\n"), Catch::StartsWith("f.yaml:1:7: YAML syntax error: "));
  ConfigNode explicit_end = Parse("---\na: 1\n...\n");
  CHECK(explicit_end.entries.at(0).key_where.ToString() == "f.yaml:2:1");
  CHECK(explicit_end.Find("a")->where.ToString() == "f.yaml:2:4");
}

TEST_CASE("a YAML file with no document, or an empty one, is null") {
  for (const char* text : {"", "# only a comment\n", "\n\n"}) {
    ConfigNode root = Parse(text);
    CHECK(root.IsNull());
    CHECK(root.where.ToString() == "f.yaml:1:1");
  }
  ConfigNode empty_document = Parse("---\n");
  CHECK(empty_document.IsNull());
  CHECK(empty_document.where.ToString() == "f.yaml:2:1");
}

}  // namespace
}  // namespace kinship
