// Merging several run directories into one panel (`kinship provenance RUN_DIR...`): the same
// prompts answered by different models, e.g. one run per model, or an imported run plus new
// runs. Models are unioned (first appearance order); prompts are matched by (suite,
// prompt_id) and keep the first run's definition; a record whose key (model, suite,
// prompt_id, sample) was already seen is dropped, except that an ok record replaces an
// earlier error.
//
// Plain data in, plain data out; the result owns copies. Never throws.
#pragma once

#include <vector>

#include "harness/run/run_reader.h"

namespace kinship {

// One run is returned as is; several are merged. The merged manifest holds
// {"models": [{"name": ...}], "merged_from": [dirs]}; `dir` is the first run's.
RunData MergeRuns(std::vector<RunData> runs);

}  // namespace kinship
