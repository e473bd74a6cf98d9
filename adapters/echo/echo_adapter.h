// The `echo` adapter: answers with the last user turn, byte for byte (optionally behind a
// fixed prefix). No network, no model: it exists to test the pipeline end to end --
// byte-exact text through run, store and report in any script -- and to dry-run suites.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

// Options: `prefix` (string, default ""), `latency_ms` (number, default 0: a fixed delay
// per answer, to exercise progress, interrupts and concurrency).
std::unique_ptr<Adapter> CreateEchoAdapter(const ModelConfig& config);
const std::vector<std::string>& EchoOptionKeys();

}  // namespace kinship
