// Joins the run directories of the shards of one run (`kinship run --shard i/N`) into one
// run directory, as if the run had not been sharded: `kinship merge DIR... --out DIR`.
//
// Refuses (ConfigError, nothing written) when the inputs are not shards of the same run:
// a folder that is not a sharded run, manifests that disagree on suites (name, version,
// content_hash), models, sampling overrides, --samples or --seed, different shard counts,
// the same shard twice, prompts.jsonl files that differ, a record whose prompt belongs to
// another shard, or an item recorded in two inputs. An incomplete shard set (some indices
// missing) is merged with a warning and the status "incomplete".
//
// The result holds every input record once, in the order of the unsharded plan (sample,
// then prompt, then model), so the merged run equals the unsharded run record for record
// (timestamps and latencies aside). Not thread-safe with a writer of the inputs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kinship {

struct MergeResult {
  std::filesystem::path out;
  int shards = 0;                     // inputs merged
  int shard_count = 0;                // N of the --shard i/N they were run with
  int records = 0;                    // records written
  bool complete = false;              // every shard present and every input complete
  std::vector<std::string> warnings;  // e.g. "shards 2 of 0..3 are missing"
};

MergeResult MergeRuns(const std::vector<std::filesystem::path>& inputs,
                      const std::filesystem::path& out);

}  // namespace kinship
