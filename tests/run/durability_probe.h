// A RunnerOptions::on_record hook for tests of the engine's group commit: each time an item
// is reported done, it reads responses.jsonl and checks that the item's record is already
// there. Thread-safe (on_record runs on engine threads).
#pragma once

#include <filesystem>
#include <mutex>
#include <set>
#include <string>

#include "harness/run/run_reader.h"
#include "harness/run/runner.h"

namespace kinship::testing {

class DurabilityProbe {
 public:
  explicit DurabilityProbe(std::filesystem::path dir) : dir_(std::move(dir)) {}

  void Install(RunnerOptions* options) {
    options->on_record = [this](const ResponseRecord& record) { Check(record); };
  }

  int reported() const { return reported_; }
  int missing() const { return missing_; }  // reported done while not yet on disk

 private:
  void Check(const ResponseRecord& record) {
    std::set<std::string> on_disk;
    ForEachRecord(dir_, [&](ResponseRecord&& r) { on_disk.insert(RecordKey(r)); });
    std::lock_guard<std::mutex> lock(mutex_);
    ++reported_;
    if (!on_disk.count(RecordKey(record))) ++missing_;
  }

  std::filesystem::path dir_;
  std::mutex mutex_;
  int reported_ = 0;
  int missing_ = 0;
};

}  // namespace kinship::testing
