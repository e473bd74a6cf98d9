#include "harness/run/run_counters.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "harness/run/cost.h"
#include "harness/run/run_reader.h"

namespace kinship {

namespace {

// One item's last word, added to its model's counters.
struct ItemSummary {
  std::string model;
  bool ok = false;
  int attempts = 1;
  int rate_limited = 0;
  bool cached = false;
  std::int64_t input_tokens = 0, output_tokens = 0, reasoning_tokens = 0;

  static ItemSummary Of(const ResponseRecord& record) {
    return {record.model,
            record.ok(),
            record.attempts,
            record.rate_limited,
            record.cached,
            std::max<std::int64_t>(0, record.input_tokens),
            std::max<std::int64_t>(0, record.output_tokens),
            std::max<std::int64_t>(0, record.reasoning_tokens)};
  }

  void AddTo(ModelCounters* c) const {
    (ok ? c->ok : c->errors) += 1;
    c->retries += std::max(0, attempts - 1);
    c->rate_limited += rate_limited;
    if (cached) ++c->cached;
    c->input_tokens += input_tokens;
    c->output_tokens += output_tokens;
    c->reasoning_tokens += reasoning_tokens;
  }
};

// Every model of the panel gets an entry (zeros when it has no record), priced.
void Price(RunManifest* manifest) {
  for (const auto& model : manifest->models) {
    ModelCounters& c = manifest->counters[model.name];
    c.cost_usd = CostUsd(model, c.input_tokens, c.output_tokens);
  }
}

}  // namespace

void RecountFromDisk(const std::filesystem::path& dir, RunManifest* manifest) {
  std::unordered_map<std::string, ItemSummary> items;
  ForEachRecord(dir, [&](ResponseRecord&& record) {
    auto [it, inserted] = items.try_emplace(RecordKey(record));
    if (!inserted && !Supersedes(it->second.ok, record.ok())) return;
    it->second = ItemSummary::Of(record);
  });
  manifest->counters.clear();
  for (const auto& model : manifest->models) manifest->counters[model.name];
  for (const auto& [key, item] : items) item.AddTo(&manifest->counters[item.model]);
  Price(manifest);
}

void RecordTally::Add(const ResponseRecord& record) {
  const ItemSummary item = ItemSummary::Of(record);
  std::lock_guard<std::mutex> lock(mutex_);
  item.AddTo(&counters_[item.model]);
}

void RecordTally::ApplyTo(RunManifest* manifest) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    manifest->counters.clear();
    for (const auto& model : manifest->models) manifest->counters[model.name];
    for (const auto& [model, counters] : counters_) manifest->counters[model] = counters;
  }
  Price(manifest);
}

}  // namespace kinship
