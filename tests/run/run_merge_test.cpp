#include "harness/run/run_merge.h"

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "harness/run/run_manifest.h"
#include "harness/run/run_reader.h"
#include "harness/run/run_writer.h"
#include "tests/fakes/temp_dir.h"

using namespace kinship;
using kinship::testing::TempDir;

namespace {

std::vector<Prompt> Prompts() {
  std::vector<Prompt> prompts;
  for (int i = 0; i < 12; ++i) {
    Prompt p;
    p.suite = "s";
    p.id = "q" + std::to_string(i);
    p.messages = {{Role::kUser, "question " + std::to_string(i)}};
    prompts.push_back(p);
  }
  return prompts;
}

// Writes shard `index` of `count` with one record per (model, prompt of the shard, sample).
std::filesystem::path WriteShard(const std::filesystem::path& root, int index, int count,
                                 const std::string& version = "1") {
  auto dir = root / ("shard-" + std::to_string(index));
  std::filesystem::create_directories(dir);
  RunManifest m;
  m.run_id = dir.filename().string();
  m.suites = {{"s", version, "s.yaml", "hash", 12}};
  for (const char* name : {"a", "b"}) {
    ModelConfig model;
    model.name = name;
    model.adapter = "sim";
    m.models.push_back(model);
  }
  m.shard = Shard{index, count};
  m.status = "complete";
  m.started_at = "2026-01-0" + std::to_string(index + 1) + "T00:00:00Z";
  auto prompts = Prompts();
  WritePrompts(dir, prompts);
  RunWriter writer(dir);
  for (const auto& p : prompts) {
    if (ShardOfPrompt(p.suite, p.id, count) != index) continue;
    for (int s = 0; s < 2; ++s) {
      for (const char* model : {"a", "b"}) {
        ResponseRecord r;
        r.model = model;
        r.suite = "s";
        r.prompt_id = p.id;
        r.sample = s;
        r.status = "ok";
        r.output = std::string(model) + " answers " + p.id + " Ω";
        writer.Append(r);
        ++m.planned;
        ++m.counters[model].ok;
      }
    }
  }
  WriteManifest(dir, m);
  return dir;
}

}  // namespace

TEST_CASE("Merging every shard gives each item once, in unsharded plan order", "[run][merge]") {
  TempDir tmp;
  std::vector<std::filesystem::path> shards;
  for (int i = 2; i >= 0; --i) shards.push_back(WriteShard(tmp.path(), i, 3));  // any order
  MergeResult result = MergeRuns(shards, tmp.path() / "merged");
  CHECK(result.complete);
  CHECK(result.warnings.empty());
  CHECK(result.records == 12 * 2 * 2);
  RunData merged = ReadRun(tmp.path() / "merged");
  REQUIRE(merged.records.size() == 48);
  // Plan order: sample, prompt, model.
  CHECK(merged.records[0].prompt_id == "q0");
  CHECK(merged.records[0].model == "a");
  CHECK(merged.records[1].model == "b");
  CHECK(merged.records[2].prompt_id == "q1");
  CHECK(merged.records[24].sample == 1);
  CHECK(merged.records[0].output == "a answers q0 Ω");
  RunManifest m = ReadManifest(tmp.path() / "merged");
  CHECK_FALSE(m.shard);
  CHECK(m.status == "complete");
  CHECK(m.planned == 48);
  CHECK(m.counters["a"].ok == 24);  // recounted from the merged records
  CHECK(m.counters["b"].ok == 24);
  CHECK(m.counters["b"].errors == 0);
  CHECK(m.started_at == "2026-01-01T00:00:00Z");
}

TEST_CASE("A missing shard merges with a warning and an incomplete status", "[run][merge]") {
  TempDir tmp;
  MergeResult result = MergeRuns({WriteShard(tmp.path(), 0, 3), WriteShard(tmp.path(), 2, 3)},
                                 tmp.path() / "merged");
  CHECK_FALSE(result.complete);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] == "shards 1 of 0..2 are missing; the merged run is incomplete");
  CHECK(ReadManifest(tmp.path() / "merged").status == "incomplete");
}

TEST_CASE("Merge refuses shards of different runs, repeated shards and duplicate items", "[run][merge]") {
  TempDir tmp;
  auto zero = WriteShard(tmp.path(), 0, 3);
  auto one = WriteShard(tmp.path() / "v2", 1, 3, "2");
  CHECK_THROWS_WITH(MergeRuns({zero, one}, tmp.path() / "m1"),
                    Catch::Contains("are not shards of the same run: their manifests differ in 'suites'"));
  CHECK_THROWS_WITH(MergeRuns({zero, zero}, tmp.path() / "m2"), Catch::Contains("shard 0 appears twice"));
  auto other_count = WriteShard(tmp.path() / "n4", 1, 4);
  CHECK_THROWS_WITH(MergeRuns({zero, other_count}, tmp.path() / "m3"),
                    Catch::Contains("was split into 3"));
  // The same items under another shard index: a record in the wrong shard.
  auto copy = tmp.path() / "copy";
  std::filesystem::copy(zero, copy);
  RunManifest m = ReadManifest(copy);
  m.shard = Shard{1, 3};
  WriteManifest(copy, m);
  CHECK_THROWS_WITH(MergeRuns({zero, copy}, tmp.path() / "m4"), Catch::Contains("appears in both"));
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "m4" / "manifest.json"));
}

TEST_CASE("The audit's sampling protocol survives the manifest and merge, and must agree",
          "[run][merge]") {
  TempDir tmp;
  std::vector<std::filesystem::path> shards;
  for (int i = 0; i < 3; ++i) {
    shards.push_back(WriteShard(tmp.path(), i, 3));
    RunManifest m = ReadManifest(shards.back());
    CHECK_FALSE(m.greedy_first_sample);
    m.greedy_first_sample = true;
    m.sampled_temperature = 0.9;
    WriteManifest(shards.back(), m);
  }
  RunManifest read = ReadManifest(shards[0]);
  CHECK(read.greedy_first_sample);
  CHECK(read.sampled_temperature == 0.9);
  MergeRuns(shards, tmp.path() / "merged");
  RunManifest merged = ReadManifest(tmp.path() / "merged");
  CHECK(merged.greedy_first_sample);
  CHECK(merged.sampled_temperature == 0.9);

  RunManifest plain = ReadManifest(shards[1]);
  plain.greedy_first_sample = false;
  WriteManifest(shards[1], plain);
  CHECK_THROWS_WITH(MergeRuns(shards, tmp.path() / "m2"), Catch::Contains("'sampling_protocol'"));
}
