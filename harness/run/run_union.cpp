#include "harness/run/run_union.h"

#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace kinship {

RunData UnionRuns(std::vector<RunData> runs) {
  if (runs.empty()) return {};
  if (runs.size() == 1) return std::move(runs[0]);
  RunData merged;
  merged.dir = runs[0].dir;
  nlohmann::json models = nlohmann::json::array();
  nlohmann::json dirs = nlohmann::json::array();
  std::set<std::string> seen_models;
  std::set<std::pair<std::string, std::string>> seen_prompts;
  std::unordered_map<std::string, std::size_t> record_at;
  for (RunData& run : runs) {
    dirs.push_back(run.dir.string());
    merged.skipped_lines += run.skipped_lines;
    std::vector<std::string> names = run.ModelNames();
    for (const ResponseRecord& record : run.records) names.push_back(record.model);
    for (const std::string& name : names) {
      if (seen_models.insert(name).second) models.push_back({{"name", name}});
    }
    for (Prompt& prompt : run.prompts) {
      if (seen_prompts.emplace(prompt.suite, prompt.id).second) {
        merged.prompts.push_back(std::move(prompt));
      }
    }
    for (ResponseRecord& record : run.records) {
      std::string key = RecordKey(record);
      auto [it, inserted] = record_at.emplace(key, merged.records.size());
      if (inserted) {
        merged.records.push_back(std::move(record));
      } else if (!merged.records[it->second].ok() && record.ok()) {
        merged.records[it->second] = std::move(record);
      }
    }
  }
  merged.manifest = {{"models", models}, {"merged_from", dirs}};
  return merged;
}

}  // namespace kinship
