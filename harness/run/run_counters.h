// The per-model counters of a run (manifest.json "counters"), derived from its records.
// They are never accumulated across processes, resumes or shards -- so they cannot drift
// from what is on disk: RecountFromDisk reads them back from responses.jsonl, and a
// RecordTally counts only the records one process wrote into a file it started empty.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "harness/run/response_record.h"
#include "harness/run/run_manifest.h"

namespace kinship {

// Replaces manifest->counters with the counts of <dir>/responses.jsonl (the last word per
// item, as readers decide it), priced with the manifest's model prices. Streams the records
// and keeps a small summary per item, so memory stays flat however long the run.
void RecountFromDisk(const std::filesystem::path& dir, RunManifest* manifest);

// The counters of records as they are written, for a run whose responses.jsonl was empty
// when this process opened it. The engine writes exactly one record per item it starts,
// so every item has one record and the last-word rule has nothing to decide: per-model sums
// of the written records are what RecountFromDisk would read back (tested), without reading
// the file again (that re-read was a fifth of a short run's wall time). Add only records
// whose write completed (RunnerOptions::on_record). Thread-safe.
class RecordTally {
 public:
  void Add(const ResponseRecord& record);
  // Replaces manifest->counters, priced as RecountFromDisk prices them.
  void ApplyTo(RunManifest* manifest) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ModelCounters> counters_;
};

}  // namespace kinship
