// The `sim` adapter: answers from a built-in simulated model (sim_zoo.h), with no
// network and no keys -- the default that makes the demo and the tests work offline.
//
// Models file forms:
//   adapter: sim, model: teacher-a                      a zoo model
//   adapter: sim, model: my-student, corpus: terse,     a recipe (options below);
//     teacher: teacher-a, fraction: 0.5, samples: 80    `model` may also name a zoo model
//                                                       whose recipe the options modify
// Options: corpus, order (3..5), teacher (zoo model), fraction (0..1), samples
// (1..number of distillation prompts), seed (non-negative integer).
//
// CreateSimAdapter validates everything and throws ConfigError at the option's location
// with a did-you-mean; it builds the model eagerly so errors surface before any request.
// Generate is thread-safe and never throws.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"

namespace kinship {

const std::vector<std::string>& SimOptionKeys();

std::unique_ptr<Adapter> CreateSimAdapter(const ModelConfig& config);

}  // namespace kinship
