// The jsonl import format: one answer per line (README.md, "Importing outputs recorded elsewhere").
#include <nlohmann/json.hpp>

#include "harness/importer/import_source.h"
#include "harness/importer/json_lines.h"
#include "harness/importer/row_fields.h"

namespace kinship {

namespace {

const std::vector<std::string>& JsonlKeys() {
  static const std::vector<std::string> kKeys = {"model",  "prompt_id", "prompt", "output",
                                                 "sample", "suite",     "reference"};
  return kKeys;
}

}  // namespace

void ReadJsonlRows(const std::filesystem::path& file, const SourceOptions& options,
                   const RowSink& sink) {
  ForEachJsonLine(file, options.hasher, [&](const nlohmann::json& json,
                                             const SourceLocation& where) {
    ImportedRow row;
    row.where = where;
    if (!options.model.empty()) {
      row.model = options.model;
    } else {
      row.model = RequireString(json, "model", where, JsonlKeys());
    }
    auto id = OptionalId(json, "prompt_id", where);
    if (!id) (void)RequireString(json, "prompt_id", where, JsonlKeys());  // throws: missing
    row.prompt_id = std::move(*id);
    row.prompt = RequireString(json, "prompt", where, JsonlKeys());
    row.output = RequireString(json, "output", where, JsonlKeys());
    row.suite = OptionalString(json, "suite", where).value_or("");
    row.reference = OptionalString(json, "reference", where);
    if (auto it = json.find("sample"); it != json.end() && !it->is_null()) {
      if (!it->is_number_integer() || it->get<long long>() < 0 ||
          it->get<long long>() > 1000000) {
        throw ConfigError(where, "sample", "expected an integer from 0 to 1000000");
      }
      row.sample = it->get<int>();
    }
    if (row.model.empty()) throw ConfigError(where, "model", "must not be empty");
    if (row.prompt_id.empty()) throw ConfigError(where, "prompt_id", "must not be empty");
    sink(std::move(row));
  });
}

}  // namespace kinship
