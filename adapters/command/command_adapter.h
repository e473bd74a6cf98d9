// The `command` adapter: a direct (non-HTTP) adapter that runs a user program once per
// request -- argv from option `command`, never through a shell -- writes the request as
// JSON on its stdin and reads the answer as JSON from its stdout.
//
//   stdin:  {"model": ..., "name": ..., "messages": [{"role", "content"}, ...],
//            "sampling": {"temperature", "top_p", "max_tokens", "seed", "stop"},
//            "seed": <per-item seed>, "sample": <0-based sample index>}
//   stdout: {"output": "...", "reasoning"?, "input_tokens"?, "output_tokens"?,
//            "finish_reason"?}  or  {"error": "..."}
//
// Error values: "timeout" (the entry's `timeout_s`, default 60; the program's whole
// process group is killed), "command_failed" (cannot start, non-zero exit, killed by a signal),
// "bad_response" (stdout is not the JSON above), "command_error" (it answered
// {"error": ...}). Messages quote the first lines of its stderr.
//
// Generate() is thread-safe (the runner calls it from several threads) and never throws.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

inline constexpr double kCommandDefaultTimeoutS = 60;

std::unique_ptr<Adapter> CreateCommandAdapter(const ModelConfig& config);
const std::vector<std::string>& CommandOptionKeys();

}  // namespace kinship
