#include "harness/run/run_reader.h"

#include <fstream>
#include <unordered_map>

#include "harness/core/config_error.h"
#include "harness/core/file_io.h"
#include "harness/run/prompt_record.h"
#include "harness/run/run_manifest.h"

namespace kinship {

namespace {

// Calls `fn(line)` for each line; a last line without '\n' is passed too (it may be torn).
template <typename Fn>
void ForEachLine(const std::string& text, Fn fn) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty()) fn(line);
    start = end + 1;
  }
}

}  // namespace

std::vector<std::string> RunData::ModelNames() const {
  std::vector<std::string> names;
  if (!manifest.is_object() || !manifest.contains("models") || !manifest["models"].is_array()) {
    return names;
  }
  for (const auto& m : manifest["models"]) {
    if (m.is_object() && m.contains("name") && m["name"].is_string()) {
      names.push_back(m["name"].get<std::string>());
    }
  }
  return names;
}

RunData ReadRun(const std::filesystem::path& dir) {
  RunData run;
  run.dir = dir;
  auto manifest_path = dir / "manifest.json";
  if (!std::filesystem::exists(manifest_path)) {
    throw ConfigError(dir.string() + ": not a run directory (no manifest.json)");
  }
  run.manifest = nlohmann::json::parse(ReadFileOrThrow(manifest_path), nullptr, false);
  if (run.manifest.is_discarded()) throw ConfigError(manifest_path.string() + ": not valid JSON");

  run.prompts = ReadPrompts(dir, &run.skipped_lines);

  auto responses_path = dir / "responses.jsonl";
  if (std::filesystem::exists(responses_path)) {
    std::unordered_map<std::string, std::size_t> index;
    ForEachLine(ReadFileOrThrow(responses_path), [&](std::string_view line) {
      std::string error;
      auto record = RecordFromJsonLine(line, &error);
      if (!record) {
        ++run.skipped_lines;
        return;
      }
      std::string key = RecordKey(*record);
      auto [it, inserted] = index.try_emplace(key, run.records.size());
      if (inserted) {
        run.records.push_back(std::move(*record));
      } else if (Supersedes(run.records[it->second].ok(), record->ok())) {
        // A later attempt supersedes an earlier one, but an error never hides a success.
        run.records[it->second] = std::move(*record);
      }
    });
  }
  return run;
}

std::vector<Prompt> ReadPrompts(const std::filesystem::path& dir, int* skipped) {
  std::vector<Prompt> prompts;
  auto path = dir / "prompts.jsonl";
  if (!std::filesystem::exists(path)) return prompts;
  ForEachLine(ReadFileOrThrow(path), [&](std::string_view line) {
    std::string error;
    if (auto prompt = PromptFromJsonLine(line, &error)) {
      prompts.push_back(std::move(*prompt));
    } else if (skipped) {
      ++*skipped;
    }
  });
  return prompts;
}

int ForEachRecord(const std::filesystem::path& dir,
                  const std::function<void(ResponseRecord&&)>& fn) {
  std::ifstream in(dir / "responses.jsonl", std::ios::binary);
  int skipped = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::string error;
    if (auto record = RecordFromJsonLine(line, &error)) {
      fn(std::move(*record));
    } else {
      ++skipped;
    }
  }
  return skipped;
}

}  // namespace kinship
