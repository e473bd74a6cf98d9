// The per-model counters of a run (manifest.json "counters"), derived from its records.
// They are always recounted from responses.jsonl -- never accumulated across processes,
// resumes or shards -- so they cannot drift from what is on disk.
#pragma once

#include <filesystem>

#include "harness/run/run_manifest.h"

namespace kinship {

// Replaces manifest->counters with the counts of <dir>/responses.jsonl (the last word per
// item, as readers decide it), priced with the manifest's model prices. Streams the records
// and keeps a small summary per item, so memory stays flat however long the run.
void RecountFromDisk(const std::filesystem::path& dir, RunManifest* manifest);

}  // namespace kinship
