// Token budgets and prices: the cost of what a run did, and an upper bound on what a
// plan may cost before anything is sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/config/model_config.h"
#include "harness/config/prompt.h"
#include "harness/run/run_plan.h"

namespace kinship {

// USD for the given token counts at the model's prices; nullopt when it has none.
std::optional<double> CostUsd(const ModelConfig& model, std::int64_t input_tokens,
                              std::int64_t output_tokens);

struct ModelBudget {
  std::string model;
  int requests = 0;
  // Upper bounds: a token is at least one byte for every tokenizer in use, so the UTF-8
  // bytes of the messages bound the input tokens; max_tokens bounds the output.
  std::int64_t max_input_tokens = 0;
  std::int64_t max_output_tokens = 0;
  std::optional<double> max_cost_usd;  // nullopt without prices
};

// One row per model, panel order.
std::vector<ModelBudget> PlanBudget(const std::vector<ModelConfig>& models,
                                    const std::vector<Prompt>& prompts,
                                    const std::vector<WorkItem>& items);

// The --dry-run table: requests, token bounds and cost bound per model and in all.
std::string FormatBudget(const std::vector<ModelBudget>& budget);

}  // namespace kinship
