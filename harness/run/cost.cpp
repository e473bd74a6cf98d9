#include "harness/run/cost.h"

#include <fmt/format.h>

namespace kinship {

std::optional<double> CostUsd(const ModelConfig& model, std::int64_t input_tokens,
                              std::int64_t output_tokens) {
  if (!model.price_input_per_mtok && !model.price_output_per_mtok) return std::nullopt;
  return static_cast<double>(std::max<std::int64_t>(0, input_tokens)) / 1e6 *
             model.price_input_per_mtok.value_or(0) +
         static_cast<double>(std::max<std::int64_t>(0, output_tokens)) / 1e6 *
             model.price_output_per_mtok.value_or(0);
}

std::vector<ModelBudget> PlanBudget(const std::vector<ModelConfig>& models,
                                    const std::vector<Prompt>& prompts,
                                    const std::vector<WorkItem>& items) {
  std::vector<ModelBudget> budget(models.size());
  for (std::size_t m = 0; m < models.size(); ++m) budget[m].model = models[m].name;
  for (const auto& item : items) {
    ModelBudget& b = budget[item.model];
    ++b.requests;
    for (const auto& message : prompts[item.prompt].messages) {
      b.max_input_tokens += static_cast<std::int64_t>(message.content.size());
    }
    b.max_output_tokens += item.sampling->max_tokens.value_or(kDefaultMaxTokens);
  }
  for (std::size_t m = 0; m < models.size(); ++m) {
    budget[m].max_cost_usd = CostUsd(models[m], budget[m].max_input_tokens, budget[m].max_output_tokens);
  }
  return budget;
}

std::string FormatBudget(const std::vector<ModelBudget>& budget) {
  std::string out = fmt::format("{:<24} {:>9} {:>14} {:>14} {:>12}\n", "model", "requests",
                                "input tokens", "output tokens", "cost (USD)");
  int requests = 0;
  std::int64_t input = 0, output = 0;
  double cost = 0;
  bool all_priced = true;
  auto money = [](std::optional<double> usd) {
    return usd ? fmt::format("<= {:.2f}", *usd) : std::string("no price");
  };
  for (const auto& b : budget) {
    out += fmt::format("{:<24} {:>9} {:>14} {:>14} {:>12}\n", b.model, b.requests,
                       "<= " + std::to_string(b.max_input_tokens),
                       "<= " + std::to_string(b.max_output_tokens), money(b.max_cost_usd));
    requests += b.requests;
    input += b.max_input_tokens;
    output += b.max_output_tokens;
    if (b.max_cost_usd) {
      cost += *b.max_cost_usd;
    } else {
      all_priced = false;
    }
  }
  out += fmt::format("{:<24} {:>9} {:>14} {:>14} {:>12}\n", "total", requests,
                     "<= " + std::to_string(input), "<= " + std::to_string(output),
                     fmt::format("<= {:.2f}{}", cost, all_priced ? "" : "*"));
  if (!all_priced) out += "* models without a `price` in the models file are not counted\n";
  return out;
}

}  // namespace kinship
