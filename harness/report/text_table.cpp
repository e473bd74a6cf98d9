#include "harness/report/text_table.h"

#include <algorithm>

#include "harness/analysis/display_width.h"

namespace kinship {

void TextTable::AddRow(std::vector<std::string> cells, std::vector<std::string> styles) {
  cells.resize(align_right_.size());
  styles.resize(align_right_.size());
  rows_.push_back(std::move(cells));
  styles_.push_back(std::move(styles));
}

std::string TextTable::Render(const std::string& indent, bool color) const {
  std::vector<std::size_t> widths(align_right_.size(), 0);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  auto emit_line = [&](const std::vector<std::string>& cells,
                       const std::vector<std::string>& styles) {
    std::string line = indent;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line += "  ";
      const bool last = c + 1 == cells.size();
      std::string cell = (last && !align_right_[c])
                             ? cells[c]  // no padding after the last column
                             : PadToWidth(cells[c], widths[c], align_right_[c]);
      if (color && !styles[c].empty()) cell = "\x1b[" + styles[c] + "m" + cell + "\x1b[0m";
      line += cell;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    emit_line(rows_[r], styles_[r]);
    if (r == 0) {
      std::vector<std::string> rule;
      for (std::size_t width : widths) rule.push_back(std::string(width, '-'));
      emit_line(rule, std::vector<std::string>(widths.size()));
    }
  }
  return out;
}

}  // namespace kinship
