#include "harness/run/run_plan.h"

#include <set>

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "harness/core/hash.h"

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
  for (const auto& item : items) keys.insert(WorkItemKey(item, models, prompts));
  CHECK(keys.size() == items.size());
}

TEST_CASE("BuildPlan layers sampling: suite < model params < flags", "[run_plan]") {
  auto models = Models({"a", "b"});
  models[1].params.temperature = 0.1;
  models[1].params.max_tokens = 50;
  std::vector<Prompt> prompts = {MakePrompt("p1")};
  PlanOptions options;
  auto items = BuildPlan(models, prompts, {1}, options);
  CHECK(items[0].sampling->temperature == 0.7);
  CHECK(items[0].sampling->max_tokens == kDefaultMaxTokens);
  CHECK(items[1].sampling->temperature == 0.1);
  CHECK(items[1].sampling->max_tokens == 50);
  options.overrides.temperature = 1.3;
  options.samples_override = 2;
  items = BuildPlan(models, prompts, {1}, options);
  REQUIRE(items.size() == 4);
  for (const auto& item : items) CHECK(item.sampling->temperature == 1.3);
}

TEST_CASE("Items share one resolved sampling while it stays the same, and only then",
          "[run_plan]") {
  auto models = Models({"a", "b"});
  models[1].params.temperature = 0.1;
  std::vector<Prompt> prompts = {MakePrompt("p1"), MakePrompt("p2"), MakePrompt("p3")};
  prompts[2].sampling.max_tokens = 64;  // one prompt of three overrides a field
  auto items = BuildPlan(models, prompts, {2, 2, 2}, {});
  REQUIRE(items.size() == 12);
  std::set<const SamplingParams*> distinct;
  for (const auto& item : items) {
    REQUIRE(item.sampling != nullptr);
    distinct.insert(item.sampling.get());
    const Prompt& prompt = prompts[item.prompt];
    CHECK(*item.sampling->max_tokens == (prompt.id == "p3" ? 64 : kDefaultMaxTokens));
    CHECK(*item.sampling->temperature == (item.model == 1 ? 0.1 : 0.7));
  }
  // Items 0 and 2 (p1 and p2 on model a) resolve alike and share; p3 differs from both.
  CHECK(items[0].sampling.get() == items[2].sampling.get());
  CHECK(items[0].sampling.get() != items[4].sampling.get());
  CHECK(items[0].sampling.get() != items[1].sampling.get());
  CHECK(distinct.size() < items.size());
}

TEST_CASE("greedy_first_sample makes sample 0 greedy and the others sampled, over every layer",
          "[run_plan]") {
  auto models = Models({"a", "b"});
  models[1].params.temperature = 0.2;
  std::vector<Prompt> prompts = {MakePrompt("p1", 3), MakePrompt("p2", 1)};
  PlanOptions options;
  options.greedy_first_sample = true;
  options.overrides.temperature = 0.5;  // the protocol wins even over the flags
  const auto items = BuildPlan(models, prompts, {1, 1}, options);
  REQUIRE(items.size() == 2 * 3 + 2 * 1);
  for (const auto& item : items) {
    CHECK(*item.sampling->temperature == (item.sample == 0 ? 0.0 : 1.0));
  }
  // Deterministic: the same options give the same plan (resume and shards recompute it).
  const auto again = BuildPlan(models, prompts, {1, 1}, options);
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(WorkItemKey(items[i], models, prompts) == WorkItemKey(again[i], models, prompts));
    CHECK(items[i].seed == again[i].seed);
    CHECK(*items[i].sampling->temperature == *again[i].sampling->temperature);
  }
  options.sampled_temperature = 0.9;
  for (const auto& item : BuildPlan(models, prompts, {1, 1}, options)) {
    if (item.sample > 0) CHECK(*item.sampling->temperature == 0.9);
  }
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

TEST_CASE("Shards partition the plan by prompt, keeping every model and sample together", "[run][shard]") {
  auto models = Models({"a", "b"});
  std::vector<Prompt> prompts;
  for (int i = 0; i < 50; ++i) prompts.push_back(MakePrompt("q" + std::to_string(i), 2));
  auto plan = BuildPlan(models, prompts, std::vector<int>(prompts.size(), 1), {});
  std::set<std::string> seen;
  std::size_t total = 0;
  for (int index = 0; index < 3; ++index) {
    auto shard = FilterPlanToShard(plan, prompts, Shard{index, 3});
    CHECK_FALSE(shard.empty());
    total += shard.size();
    for (const auto& item : shard) {
      CHECK(seen.insert(WorkItemKey(item, models, prompts)).second);
      CHECK(ShardOfPrompt("s", prompts[item.prompt].id, 3) == index);
    }
    CHECK(shard.size() % 4 == 0);  // 2 models x 2 samples per prompt
  }
  CHECK(total == plan.size());
}

TEST_CASE("A prompt's shard depends only on its suite, id and the count", "[run][shard]") {
  CHECK(ShardOfPrompt("demo", "explain-tides", 7) == ShardOfPrompt("demo", "explain-tides", 7));
  CHECK(ShardOfPrompt("demo", "x", 1) == 0);
  // Pinned: the assignment is a format (shards of one run may be computed by different builds).
  CHECK(ShardOfPrompt("demo", "explain-tides", 1000) ==
        static_cast<int>(StableHash64("demo/explain-tides") % 1000));
}

namespace {

const char* NoEnv(const char*) { return nullptr; }
const char* SlurmEnv(const char* name) {
  std::string n = name;
  if (n == "SLURM_ARRAY_TASK_ID") return "3";
  if (n == "SLURM_ARRAY_TASK_MIN") return "1";
  if (n == "SLURM_ARRAY_TASK_COUNT") return "4";
  return nullptr;
}
const char* K8sEnv(const char* name) {
  return std::string(name) == "JOB_COMPLETION_INDEX" ? "5" : nullptr;
}

}  // namespace

TEST_CASE("The shard flag parses i/N and reads Slurm and Kubernetes indices", "[run][shard]") {
  CHECK(ParseShard("0/4", NoEnv) == Shard{0, 4});
  CHECK(ParseShard("3/4", NoEnv) == Shard{3, 4});
  CHECK(ParseShard("auto", SlurmEnv) == Shard{2, 4});  // array 1-4: task 3 is index 2
  CHECK(ParseShard("auto/8", K8sEnv) == Shard{5, 8});
  CHECK_THROWS_WITH(ParseShard("4/4", NoEnv),
                    "--shard: index 4 is outside 0..3 (shards are 0-based)");
  CHECK_THROWS_AS(ParseShard("1/0", NoEnv), ConfigError);
  CHECK_THROWS_AS(ParseShard("x/2", NoEnv), ConfigError);
  CHECK_THROWS_AS(ParseShard("2", NoEnv), ConfigError);
  CHECK_THROWS_WITH(ParseShard("auto", K8sEnv),
                    "--shard auto: Kubernetes gives no shard count; give --shard auto/N with N = "
                    "the Job's completions");
  CHECK_THROWS_WITH(ParseShard("auto", NoEnv),
                    "--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set");
}
