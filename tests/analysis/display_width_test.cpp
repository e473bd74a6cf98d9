#include "harness/analysis/display_width.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("Display width counts CJK as two columns and marks as none") {
  CHECK(DisplayWidth("") == 0);
  CHECK(DisplayWidth("model") == 5);
  CHECK(DisplayWidth("Қазақ") == 5);
  CHECK(DisplayWidth("Привет") == 6);
  CHECK(DisplayWidth("模型") == 4);
  CHECK(DisplayWidth("カタカナ") == 8);
  CHECK(DisplayWidth("한국") == 4);
  CHECK(DisplayWidth("ＡＢ") == 4);  // fullwidth forms
  CHECK(DisplayWidth("e\u0301") == 1);
  CHECK(DisplayWidth("عَرَبِي") == 4);  // four letters; harakat take no column
  CHECK(DisplayWidth("a\xFF" "b") == 3);
}

TEST_CASE("Padding uses display width, on either side") {
  CHECK(PadToWidth("模型", 6) == "模型  ");
  CHECK(PadToWidth("模型", 6, true) == "  模型");
  CHECK(PadToWidth("toolong", 3) == "toolong");
}

TEST_CASE("Truncation cuts on code points and marks the cut") {
  CHECK(TruncateToWidth("short", 10) == "short");
  CHECK(TruncateToWidth("abcdef", 4) == "abc…");
  CHECK(TruncateToWidth("模型模型", 5) == "模型…");
  CHECK(TruncateToWidth("模型模型", 4) == "模…");
  CHECK(TruncateToWidth("Қазақстан", 4) == "Қаз…");
  CHECK(TruncateToWidth("abc", 0) == "");
}

TEST_CASE("Terminal-safe text has no controls, escapes, bidi overrides or invalid bytes") {
  CHECK(TerminalSafe("a\tb\nc\rd") == "a b c d");
  CHECK(TerminalSafe("\x1b[31mred") == "\uFFFD[31mred");
  CHECK(TerminalSafe("x\u202Ey") == "x\uFFFDy");
  CHECK(TerminalSafe("\xC2\x9B" "1m") == "\uFFFD1m");  // C1 CSI
  CHECK(TerminalSafe("bad\xFF") == "bad\uFFFD");
  CHECK(TerminalSafe("Қазақ 中文 عربي") == "Қазақ 中文 عربي");
}

}  // namespace
}  // namespace kinship
