#include "harness/run/run_merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "harness/core/config_error.h"
#include "harness/run/run_counters.h"
#include "harness/core/file_io.h"
#include "harness/run/prompt_record.h"
#include "harness/run/run_manifest.h"
#include "harness/run/run_reader.h"
#include "harness/run/run_writer.h"

namespace kinship {

namespace {

// The parts of a manifest that define what was asked; shards must agree on all of them.
nlohmann::json Identity(const RunManifest& manifest) {
  nlohmann::json j = ManifestToJson(manifest);
  nlohmann::json suites = nlohmann::json::array();
  for (const auto& suite : manifest.suites) {
    suites.push_back({{"name", suite.name}, {"version", suite.version},
                      {"content_hash", suite.content_hash}});
  }
  return {{"suites", suites},
          {"models", j["models"]},
          {"sampling_overrides", j["sampling_overrides"]},
          {"samples_override", j["samples_override"]},
          {"sampling_protocol", j.value("sampling_protocol", nlohmann::json(nullptr))},
          {"seed", j["seed"]}};
}

std::string FirstDifference(const nlohmann::json& a, const nlohmann::json& b) {
  for (const auto& [key, value] : a.items()) {
    if (!b.contains(key) || b[key] != value) return key;
  }
  return "?";
}

}  // namespace

MergeResult MergeRuns(const std::vector<std::filesystem::path>& inputs,
                      const std::filesystem::path& out) {
  if (inputs.empty()) throw ConfigError("merge: give the run directories of the shards");
  if (std::filesystem::exists(out / "manifest.json")) {
    throw ConfigError("merge: --out " + out.string() + " already holds a run; choose another folder");
  }
  std::vector<RunManifest> manifests;
  std::vector<RunData> runs;
  for (const auto& dir : inputs) {
    manifests.push_back(ReadManifest(dir));
    runs.push_back(ReadRun(dir));
    if (!manifests.back().shard) {
      throw ConfigError("merge: " + dir.string() +
                        " is not a shard (its manifest has no shard; it was run without --shard)");
    }
  }
  const RunManifest& first = manifests[0];
  const nlohmann::json identity = Identity(first);
  const std::string prompts_first = [&] {
    std::string all;
    for (const auto& p : runs[0].prompts) all += PromptToJsonLine(p) + "\n";
    return all;
  }();

  MergeResult result;
  result.out = out;
  result.shard_count = first.shard->count;
  std::map<int, std::filesystem::path> seen_shards;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const RunManifest& m = manifests[i];
    const std::string dir = inputs[i].string();
    nlohmann::json other = Identity(m);
    if (other != identity) {
      throw ConfigError("merge: " + dir + " and " + inputs[0].string() +
                        " are not shards of the same run: their manifests differ in '" +
                        FirstDifference(identity, other) + "'");
    }
    if (m.shard->count != first.shard->count) {
      throw ConfigError("merge: " + dir + " is shard " + std::to_string(m.shard->index) + "/" +
                        std::to_string(m.shard->count) + " but " + inputs[0].string() +
                        " was split into " + std::to_string(first.shard->count));
    }
    auto [it, inserted] = seen_shards.emplace(m.shard->index, inputs[i]);
    if (!inserted) {
      throw ConfigError("merge: shard " + std::to_string(m.shard->index) + " appears twice (" +
                        it->second.string() + " and " + dir + ")");
    }
    std::string prompts;
    for (const auto& p : runs[i].prompts) prompts += PromptToJsonLine(p) + "\n";
    if (prompts != prompts_first) {
      throw ConfigError("merge: " + dir + "/prompts.jsonl differs from " + inputs[0].string() +
                        "/prompts.jsonl");
    }
  }

  // Plan order: sample, then prompt, then model -- the order of an unsharded run's plan.
  std::unordered_map<std::string, int> prompt_index;
  for (std::size_t p = 0; p < runs[0].prompts.size(); ++p) {
    prompt_index[runs[0].prompts[p].suite + "\n" + runs[0].prompts[p].id] = static_cast<int>(p);
  }
  std::unordered_map<std::string, int> model_index;
  for (std::size_t m = 0; m < first.models.size(); ++m) model_index[first.models[m].name] = static_cast<int>(m);

  std::unordered_map<std::string, std::string> owner;  // record key -> input dir
  std::vector<ResponseRecord> records;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Shard shard = *manifests[i].shard;
    for (auto& record : runs[i].records) {
      std::string key = RecordKey(record);
      auto [it, inserted] = owner.emplace(key, inputs[i].string());
      if (!inserted) {
        throw ConfigError("merge: the item " + record.model + " / " + record.suite + " / " +
                          record.prompt_id + " / sample " + std::to_string(record.sample) +
                          " appears in both " + it->second + " and " + inputs[i].string());
      }
      if (ShardOfPrompt(record.suite, record.prompt_id, shard.count) != shard.index) {
        throw ConfigError("merge: " + inputs[i].string() + " holds a record of prompt '" +
                          record.prompt_id + "', which belongs to another shard");
      }
      records.push_back(std::move(record));
    }
  }
  auto order = [&](const ResponseRecord& r) {
    auto p = prompt_index.find(r.suite + "\n" + r.prompt_id);
    auto m = model_index.find(r.model);
    return std::tuple(r.sample, p == prompt_index.end() ? 1 << 30 : p->second,
                      m == model_index.end() ? 1 << 30 : m->second);
  };
  std::stable_sort(records.begin(), records.end(),
                   [&](const ResponseRecord& a, const ResponseRecord& b) { return order(a) < order(b); });

  std::vector<int> missing;
  for (int index = 0; index < first.shard->count; ++index) {
    if (!seen_shards.count(index)) missing.push_back(index);
  }
  bool all_complete = std::all_of(manifests.begin(), manifests.end(),
                                  [](const RunManifest& m) { return m.status == "complete"; });
  if (!missing.empty()) {
    std::string list;
    for (int index : missing) list += (list.empty() ? "" : ", ") + std::to_string(index);
    result.warnings.push_back("shards " + list + " of 0.." + std::to_string(first.shard->count - 1) +
                              " are missing; the merged run is incomplete");
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (manifests[i].status != "complete") {
      result.warnings.push_back(inputs[i].string() + " is " + manifests[i].status +
                                "; finish it with 'kinship run --resume' and merge again");
    }
  }

  RunManifest merged = first;
  merged.run_id = out.filename().string();
  merged.shard.reset();
  merged.planned = 0;
  merged.resumed_at.clear();
  for (const auto& m : manifests) {
    merged.planned += m.planned;
    merged.started_at = std::min(merged.started_at, m.started_at);
    merged.finished_at = std::max(merged.finished_at, m.finished_at);
    merged.resumed_at.insert(merged.resumed_at.end(), m.resumed_at.begin(), m.resumed_at.end());
  }
  result.complete = missing.empty() && all_complete;
  merged.status = result.complete ? "complete" : "incomplete";

  std::filesystem::create_directories(out);
  std::string lines;
  for (const auto& record : records) lines += RecordToJsonLine(record) + "\n";
  WriteFileAtomically(out / "responses.jsonl", lines);
  WritePrompts(out, runs[0].prompts);
  RecountFromDisk(out, &merged);
  WriteManifest(out, merged);  // last: a folder with a manifest is a finished merge
  result.shards = static_cast<int>(inputs.size());
  result.records = static_cast<int>(records.size());
  return result;
}

}  // namespace kinship
