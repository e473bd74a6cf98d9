// The alpaca-eval import format: AlpacaEval's model_outputs.json, a JSON array of
// {instruction, output, generator, dataset}. The array is cut into its elements by a small
// scanner and each element parsed on its own, so errors point at the element's line and a
// large file never becomes one DOM.
#include <nlohmann/json.hpp>

#include "harness/core/file_io.h"
#include "harness/core/hash.h"
#include "harness/importer/import_source.h"
#include "harness/importer/row_fields.h"

namespace kinship {

namespace {

const std::vector<std::string>& AlpacaKeys() {
  static const std::vector<std::string> kKeys = {"instruction", "output", "generator", "dataset",
                                                 "id"};
  return kKeys;
}

// Walks the text keeping line and column of `pos`.
class Cursor {
 public:
  Cursor(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      Advance();
    }
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  SourceLocation Here() const {
    return {file_, line_, static_cast<int>(pos_ - line_start_) + 1};
  }
  // Moves past one JSON value starting here (strings and nesting respected) and returns it.
  std::string_view TakeValue() {
    std::size_t start = pos_;
    int depth = 0;
    bool in_string = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (in_string) {
        if (c == '\\') {
          Advance();
          if (pos_ >= text_.size()) break;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;  // the enclosing array's end
        if (--depth == 0) {
          Advance();
          break;
        }
      } else if (c == ',' && depth == 0) {
        break;
      }
      Advance();
    }
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  std::string file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
};

std::string FolderName(const std::filesystem::path& file) {
  auto parent = std::filesystem::absolute(file).parent_path().filename().string();
  return parent;
}

}  // namespace

std::string AlpacaPromptId(std::string_view instruction) {
  return Sha256Hex(instruction).substr(0, 12);
}

void ReadAlpacaEvalRows(const std::filesystem::path& file, const SourceOptions& options,
                        const RowSink& sink) {
  // AlpacaEval writes one file per model (about 2 MB); reading it whole is cheap.
  const std::string text = ReadFileOrThrow(file);
  if (options.hasher != nullptr) options.hasher->Update(text);
  const std::string name = file.string();
  Cursor cursor(text, name);
  cursor.SkipSpace();
  if (cursor.AtEnd() || cursor.Peek() != '[') {
    throw ConfigError(cursor.Here(), "",
                      "expected a JSON array of {instruction, output, generator} objects");
  }
  cursor.Advance();
  std::string folder_model;
  bool first = true;
  while (true) {
    cursor.SkipSpace();
    if (cursor.AtEnd()) throw ConfigError(cursor.Here(), "", "unterminated JSON array");
    if (cursor.Peek() == ']') break;
    if (!first) {
      if (cursor.Peek() != ',') throw ConfigError(cursor.Here(), "", "expected ',' or ']'");
      cursor.Advance();
      cursor.SkipSpace();
    }
    first = false;
    SourceLocation where = cursor.Here();
    std::string_view element = cursor.TakeValue();
    nlohmann::json json = ParseJsonObject(element, where);
    where.column = 0;  // field errors name the element's line
    ImportedRow row;
    row.where = where;
    row.prompt = RequireString(json, "instruction", where, AlpacaKeys());
    row.output = RequireString(json, "output", where, AlpacaKeys());
    if (!options.model.empty()) {
      row.model = options.model;
    } else if (auto generator = OptionalString(json, "generator", where)) {
      row.model = std::move(*generator);
    } else {
      if (folder_model.empty()) folder_model = FolderName(file);
      row.model = folder_model;
    }
    if (row.model.empty()) throw ConfigError(where, "generator", "must not be empty");
    auto id = OptionalId(json, "id", where);
    row.prompt_id = id ? std::move(*id) : AlpacaPromptId(row.prompt);
    sink(std::move(row));
  }
  cursor.Advance();
  cursor.SkipSpace();
  if (!cursor.AtEnd()) throw ConfigError(cursor.Here(), "", "unexpected text after the array");
}

}  // namespace kinship
