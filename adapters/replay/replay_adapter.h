// The `replay` adapter: answers from recorded outputs instead of a model. It is what
// `kinship import` puts in an imported run's manifest, and lets recorded answers join a
// panel beside live models.
//
// Options: `source` (required): a run directory (its responses.jsonl, ok records only, and
// prompts.jsonl for the texts) or a JSONL file in the import format {model, prompt_id,
// prompt, output[, sample, suite]}; `recorded_model`: the model's name in the recording
// (default: the config's `model`). Lookup is by (suite, prompt_id, sample) from the
// request, then by prompt id alone when the suite differs, then by the exact text of the
// last user turn. A missing answer is an error value with error_kind "not_recorded".
//
// The source is read once, when the adapter is created (ConfigError if it cannot be read
// or holds no answer of that model); afterwards lookups only read, so Generate() is
// thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

std::unique_ptr<Adapter> CreateReplayAdapter(const ModelConfig& config);
const std::vector<std::string>& ReplayOptionKeys();

}  // namespace kinship
