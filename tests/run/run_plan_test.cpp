#include "harness/run/run_plan.h"

#include <set>

#include <catch2/catch.hpp>

using namespace kinship;

namespace {

std::vector<ModelConfig> Models(std::initializer_list<const char*> names) {
  std::vector<ModelConfig> models;
  for (const char* name : names) {
    ModelConfig m;
    m.name = name;
    m.adapter = "sim";
    models.push_back(m);
  }
  return models;
}

Prompt MakePrompt(const std::string& id, std::optional<int> samples = std::nullopt) {
  Prompt p;
  p.suite = "s";
  p.id = id;
  p.messages = {{Role::kUser, "question " + id}};
  p.sampling.temperature = 0.7;
  p.sampling.seed = 5;
  p.samples = samples;
  return p;
}

}  // namespace

TEST_CASE("BuildPlan makes one item per model, prompt and sample, spread sample-major",
          "[run_plan]") {
  auto models = Models({"a", "b"});
  std::vector<Prompt> prompts = {MakePrompt("p1"), MakePrompt("p2", 3)};
  auto items = BuildPlan(models, prompts, {2, 2}, {});
  REQUIRE(items.size() == 2 * 2 + 2 * 3);
  // The first items cover every model and prompt once before any second sample.
  CHECK(items[0].sample == 0);
  CHECK(items[3].sample == 0);
  CHECK(items[4].sample == 1);
  CHECK(items.back().sample == 2);
  std::set<std::string> keys;
  for (const auto& item : items) keys.insert(item.key);
  CHECK(keys.size() == items.size());
}

TEST_CASE("BuildPlan layers sampling: suite < model params < flags", "[run_plan]") {
  auto models = Models({"a", "b"});
  models[1].params.temperature = 0.1;
  models[1].params.max_tokens = 50;
  std::vector<Prompt> prompts = {MakePrompt("p1")};
  PlanOptions options;
  auto items = BuildPlan(models, prompts, {1}, options);
  CHECK(items[0].sampling.temperature == 0.7);
  CHECK(items[0].sampling.max_tokens == kDefaultMaxTokens);
  CHECK(items[1].sampling.temperature == 0.1);
  CHECK(items[1].sampling.max_tokens == 50);
  options.overrides.temperature = 1.3;
  options.samples_override = 2;
  items = BuildPlan(models, prompts, {1}, options);
  REQUIRE(items.size() == 4);
  for (const auto& item : items) CHECK(item.sampling.temperature == 1.3);
}

TEST_CASE("Item seeds are stable, shared across models, and differ by prompt and sample",
          "[run_plan]") {
  auto models = Models({"a", "b"});
  std::vector<Prompt> prompts = {MakePrompt("p1", 2), MakePrompt("p2", 2)};
  auto first = BuildPlan(models, prompts, {2, 2}, {});
  auto second = BuildPlan(models, prompts, {2, 2}, {});
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i].seed == second[i].seed);
  CHECK(first[0].seed == first[1].seed);  // models a and b, same prompt and sample
  CHECK(first[0].seed != first[2].seed);  // another prompt
  CHECK(ItemSeed(5, "s", "p1", 0) != ItemSeed(5, "s", "p1", 1));
  CHECK(ItemSeed(5, "s", "p1", 0) != ItemSeed(6, "s", "p1", 0));
  PlanOptions reseeded;
  reseeded.overrides.seed = 99;
  auto third = BuildPlan(models, prompts, {2, 2}, reseeded);
  CHECK(third[0].seed != first[0].seed);
}
