#include "harness/core/markdown_text.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("Inline text escapes table, HTML and emphasis characters") {
  CHECK(MarkdownInline("a|b") == "a\\|b");
  CHECK(MarkdownInline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(MarkdownInline("R&D") == "R&amp;D");
  CHECK(MarkdownInline("\\|") == "\\\\\\|");
  CHECK(MarkdownInline("`*_[x]`") == "\\`\\*\\_\\[x\\]\\`");
  CHECK(MarkdownInline("one\ntwo\r\tthree") == "one two  three");
  CHECK(MarkdownInline("bell\x07 bad\xFF") == "bell\uFFFD bad\uFFFD");
  CHECK(MarkdownInline("Қазақ 中文 عربي") == "Қазақ 中文 عربي");
}

TEST_CASE("Code fences are longer than any backtick run in the answer") {
  CHECK(MarkdownCodeBlock("plain") == "```text\nplain\n```\n");
  CHECK(MarkdownCodeBlock("a ``` b\n") == "````text\na ``` b\n````\n");
  CHECK(MarkdownCodeBlock("`````") == "``````text\n`````\n``````\n");
  CHECK(MarkdownCodeBlock("") == "```text\n\n```\n");
}

}  // namespace
}  // namespace kinship
