#include "harness/run/run_counters.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "harness/run/cost.h"
#include "harness/run/run_reader.h"

namespace kinship {

void RecountFromDisk(const std::filesystem::path& dir, RunManifest* manifest) {
  struct ItemSummary {
    std::string model;
    bool ok = false;
    int attempts = 1;
    int rate_limited = 0;
    bool cached = false;
    std::int64_t input_tokens = 0, output_tokens = 0, reasoning_tokens = 0;
  };
  std::unordered_map<std::string, ItemSummary> items;
  ForEachRecord(dir, [&](ResponseRecord&& record) {
    auto [it, inserted] = items.try_emplace(RecordKey(record));
    if (!inserted && !Supersedes(it->second.ok, record.ok())) return;
    it->second = {record.model,
                  record.ok(),
                  record.attempts,
                  record.rate_limited,
                  record.cached,
                  std::max<std::int64_t>(0, record.input_tokens),
                  std::max<std::int64_t>(0, record.output_tokens),
                  std::max<std::int64_t>(0, record.reasoning_tokens)};
  });
  manifest->counters.clear();
  for (const auto& model : manifest->models) manifest->counters[model.name];
  for (const auto& [key, item] : items) {
    ModelCounters& c = manifest->counters[item.model];
    (item.ok ? c.ok : c.errors) += 1;
    c.retries += std::max(0, item.attempts - 1);
    c.rate_limited += item.rate_limited;
    if (item.cached) ++c.cached;
    c.input_tokens += item.input_tokens;
    c.output_tokens += item.output_tokens;
    c.reasoning_tokens += item.reasoning_tokens;
  }
  for (const auto& model : manifest->models) {
    ModelCounters& c = manifest->counters[model.name];
    c.cost_usd = CostUsd(model, c.input_tokens, c.output_tokens);
  }
}

}  // namespace kinship
