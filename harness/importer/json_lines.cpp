#include "harness/importer/json_lines.h"

#include <nlohmann/json.hpp>

#include "harness/importer/line_reader.h"
#include "harness/importer/row_fields.h"

namespace kinship {

void ForEachJsonLine(const std::filesystem::path& file, Sha256Stream* hasher,
                     const JsonLineVisitor& row) {
  LineReader reader(file, hasher);
  const std::string name = file.string();
  std::string_view line;
  while (reader.Next(&line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const SourceLocation where{name, reader.line_number(), 0};
    row(ParseJsonObject(line, where), where);
  }
}

}  // namespace kinship
