// A fixed-width text table for terminals: columns sized by display width (CJK counts 2),
// so mixed-script cells line up. Cells are expected to be terminal-safe already
// (display_width.h TerminalSafe). Plain value type; not thread-safe to mutate.
#pragma once

#include <string>
#include <vector>

namespace kinship {

class TextTable {
 public:
  // One entry per column: true for right alignment (numbers).
  explicit TextTable(std::vector<bool> align_right) : align_right_(std::move(align_right)) {}

  // `style` is an ANSI SGR parameter string ("1", "32") applied to the padded cell when the
  // table is rendered with colour; "" for none. Missing trailing cells render empty.
  void AddRow(std::vector<std::string> cells, std::vector<std::string> styles = {});

  // Each row on its own line, prefixed by `indent`, columns separated by two spaces, with a
  // dashed rule after the first row (the header) and no trailing spaces.
  std::string Render(const std::string& indent, bool color) const;

 private:
  std::vector<bool> align_right_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::vector<std::string>> styles_;
};

}  // namespace kinship
