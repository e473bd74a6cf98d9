// The union of several runs as one panel for analysis (`kinship provenance RUN_DIR...`): the same
// prompts answered by different models, e.g. one run per model, or an imported run plus new
// runs. Models are unioned (first appearance order); prompts are matched by (suite,
// prompt_id) and keep the first run's definition; a record whose key (model, suite,
// prompt_id, sample) was already seen is dropped, except that an ok record replaces an
// earlier error.
//
// Unlike MergeRuns (run_merge.h), which joins the shards of ONE run on disk and refuses any
// overlap, this is lenient and in memory. Plain data in, plain data out. Never throws.
#pragma once

#include <vector>

#include "harness/run/run_reader.h"

namespace kinship {

// One run is returned as is; several are merged. The merged manifest holds
// {"models": [{"name": ...}], "merged_from": [dirs]}; `dir` is the first run's.
RunData UnionRuns(std::vector<RunData> runs);

}  // namespace kinship
