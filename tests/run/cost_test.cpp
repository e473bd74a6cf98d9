#include "harness/run/cost.h"

#include <catch2/catch.hpp>

using namespace kinship;

TEST_CASE("CostUsd applies per-million prices, or says nothing without them", "[cost]") {
  ModelConfig model;
  CHECK_FALSE(CostUsd(model, 1000, 1000).has_value());
  model.price_input_per_mtok = 2.0;
  model.price_output_per_mtok = 8.0;
  CHECK(*CostUsd(model, 500000, 250000) == Approx(1.0 + 2.0));
  CHECK(*CostUsd(model, -1, -1) == 0.0);  // unknown counts cost nothing
}

TEST_CASE("PlanBudget bounds input by message bytes and output by max_tokens", "[cost]") {
  ModelConfig priced;
  priced.name = "priced";
  priced.price_input_per_mtok = 1.0;
  priced.price_output_per_mtok = 1.0;
  ModelConfig free_model;
  free_model.name = "free";
  Prompt prompt;
  prompt.suite = "s";
  prompt.id = "p";
  prompt.messages = {{Role::kSystem, "12345"}, {Role::kUser, "Сәлем"}};  // 5 + 10 bytes
  prompt.sampling.max_tokens = 100;
  auto items = BuildPlan({priced, free_model}, {prompt}, {3}, {});
  auto budget = PlanBudget({priced, free_model}, {prompt}, items);
  REQUIRE(budget.size() == 2);
  CHECK(budget[0].requests == 3);
  CHECK(budget[0].max_input_tokens == 45);
  CHECK(budget[0].max_output_tokens == 300);
  CHECK(*budget[0].max_cost_usd == Approx(345e-6));
  CHECK_FALSE(budget[1].max_cost_usd.has_value());
  std::string table = FormatBudget(budget);
  CHECK(table.find("total") != std::string::npos);
  CHECK(table.find("not counted") != std::string::npos);
}
