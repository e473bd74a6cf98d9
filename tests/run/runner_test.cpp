#include "harness/run/runner.h"

#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include <catch2/catch.hpp>

#include "harness/run/run_reader.h"
#include "tests/fakes/fake_adapter.h"
#include "tests/fakes/temp_dir.h"
#include "tests/run/durability_probe.h"

using namespace kinship;
using kinship::testing::FakeAdapter;
using kinship::testing::DurabilityProbe;
using kinship::testing::TempDir;

namespace {

struct Panel {
  std::vector<ModelConfig> models;
  std::vector<std::unique_ptr<FakeAdapter>> fakes;
  std::vector<Adapter*> adapters;
  std::vector<Prompt> prompts;

  explicit Panel(int model_count, int prompt_count) {
    for (int m = 0; m < model_count; ++m) {
      ModelConfig config;
      config.name = "m" + std::to_string(m);
      models.push_back(config);
      fakes.push_back(std::make_unique<FakeAdapter>(config.name));
      adapters.push_back(fakes.back().get());
    }
    for (int p = 0; p < prompt_count; ++p) {
      Prompt prompt;
      prompt.suite = "s";
      prompt.id = "p" + std::to_string(p);
      prompt.messages = {{Role::kUser, "q" + std::to_string(p)}};
      prompts.push_back(prompt);
    }
  }

  std::vector<WorkItem> Plan(int samples) const {
    return BuildPlan(models, prompts, std::vector<int>(prompts.size(), samples), {});
  }
};

std::map<std::string, int> OkCountsByKey(const std::filesystem::path& dir) {
  std::map<std::string, int> counts;
  for (const auto& r : ReadRun(dir).records) {
    if (r.ok()) ++counts[RecordKey(r)];
  }
  return counts;
}

void WriteMinimalManifest(const std::filesystem::path& dir) {
  std::ofstream(dir / "manifest.json") << R"({"format":"kinship-run/1","models":[]})";
}

// Runs two samples of each of the panel's prompts on `adapter`, one item at a time (so
// each item reuses the engine's state of the one before); returns the records written.
std::vector<ResponseRecord> RunOneAtATime(const Panel& panel, Adapter* adapter, RunnerOutcome* outcome) {
  TempDir dir;
  WriteMinimalManifest(dir.path());
  RunWriter writer(dir.path());
  RunnerOptions options;
  options.concurrency = 1;
  options.retry_base_delay = std::chrono::milliseconds(1);
  *outcome = ExecutePlan(panel.Plan(2), panel.prompts, panel.models, {adapter}, writer, options);
  return ReadRun(dir.path()).records;
}

}  // namespace

TEST_CASE("ExecutePlan records every item exactly once", "[runner]") {
  TempDir dir;
  WriteMinimalManifest(dir.path());
  Panel panel(3, 7);
  auto items = panel.Plan(2);
  RunWriter writer(dir.path());
  RunnerOptions options;
  options.concurrency = 4;
  auto outcome = ExecutePlan(items, panel.prompts, panel.models, panel.adapters, writer, options);
  CHECK(outcome.ok == 42);
  CHECK(outcome.errors == 0);
  CHECK_FALSE(outcome.interrupted);
  auto counts = OkCountsByKey(dir.path());
  CHECK(counts.size() == 42);
  for (const auto& [key, n] : counts) CHECK(n == 1);
  auto run = ReadRun(dir.path());
  CHECK(run.records[0].output.find(":q") != std::string::npos);
}

TEST_CASE("ExecutePlan records failures and adapter exceptions as error records", "[runner]") {
  TempDir dir;
  WriteMinimalManifest(dir.path());
  Panel panel(2, 4);
  panel.fakes[0]->fail_when = [](const ModelRequest& r) { return r.messages.back().content == "q1"; };
  panel.fakes[1]->throw_when = [](const ModelRequest& r) { return r.messages.back().content == "q2"; };
  RunWriter writer(dir.path());
  auto outcome = ExecutePlan(panel.Plan(1), panel.prompts, panel.models, panel.adapters, writer, {});
  CHECK(outcome.ok == 6);
  CHECK(outcome.errors == 2);
  int threw = 0;
  for (const auto& r : ReadRun(dir.path()).records) {
    if (r.error_kind == "adapter_exception") ++threw;
    if (!r.ok()) CHECK(r.output.empty());
  }
  CHECK(threw == 1);
}

TEST_CASE("Records written one after another hold only their own item's fields", "[runner]") {
  // The engine writes each record into a slot that held an earlier record (it keeps the
  // strings' capacity); ok and error items follow each other here, one at a time, in an
  // order (period 3) that puts each kind after the other in every slot, so a field left
  // over from the previous record would show.
  Panel panel(1, 6);
  panel.fakes[0]->fail_when = [](const ModelRequest& r) {
    return (r.messages.back().content.back() - '0') % 3 == 1;
  };
  RunnerOutcome outcome;
  const auto records = RunOneAtATime(panel, panel.adapters[0], &outcome);
  CHECK(outcome.ok == 8);
  CHECK(outcome.errors == 4);
  REQUIRE(records.size() == 12);
  for (const auto& r : records) {
    INFO(RecordToJsonLine(r));
    CHECK(r.ok() == ((r.prompt_id.back() - '0') % 3 != 1));
    if (r.ok()) {
      CHECK(r.output == "m0:q" + r.prompt_id.substr(1) + "#" + std::to_string(r.sample));
      CHECK(r.error.empty());
      CHECK(r.error_kind.empty());
      CHECK(r.finish_reason == "stop");
      CHECK(r.output_tokens == 5);
    } else {
      CHECK(r.output.empty());
      CHECK(r.error == "scripted failure");
      CHECK(r.error_kind == "scripted");
      CHECK(r.finish_reason.empty());
      CHECK(r.output_tokens == -1);
    }
    CHECK(r.started_at.size() == 24);
    CHECK(r.started_at <= r.finished_at);
  }
}

namespace {

// Answers 429 to the first attempt at each even prompt, and then (and to odd prompts) ok.
class RateLimitedOnce : public Adapter {
 public:
  Completion Generate(const ModelRequest& request) override {
    Completion c;
    const bool even = (request.prompt_id.back() - '0') % 2 == 0;
    std::lock_guard<std::mutex> lock(mutex_);
    if (even && limited_.insert(RecordKey("m", request.suite, request.prompt_id, request.sample_index)).second) {
      c.error = "slow down";
      c.error_kind = "http_429";
      return c;
    }
    c.ok = true;
    c.output = "answer";
    return c;
  }

 private:
  std::mutex mutex_;
  std::set<std::string> limited_;
};

}  // namespace

TEST_CASE("Each record counts only its own item's attempts and rate limits", "[runner]") {
  // Items run one at a time; an item that needed no retry follows every one that did.
  Panel panel(1, 6);
  RateLimitedOnce adapter;
  RunnerOutcome outcome;
  const auto records = RunOneAtATime(panel, &adapter, &outcome);
  CHECK(outcome.ok == 12);
  CHECK(outcome.rate_limited == 6);
  REQUIRE(records.size() == 12);
  for (const auto& r : records) {
    INFO(RecordToJsonLine(r));
    const bool even = (r.prompt_id.back() - '0') % 2 == 0;
    CHECK(r.ok());
    CHECK(r.attempts == (even ? 2 : 1));
    CHECK(r.rate_limited == (even ? 1 : 0));
  }
}

TEST_CASE("ExecutePlan honours per-model concurrency limits", "[runner]") {
  TempDir dir;
  WriteMinimalManifest(dir.path());
  Panel panel(2, 12);
  panel.models[0].concurrency = 1;
  panel.models[1].concurrency = 3;
  for (auto& fake : panel.fakes) fake->delay = std::chrono::milliseconds(5);
  RunWriter writer(dir.path());
  RunnerOptions options;
  options.concurrency = 8;
  auto outcome = ExecutePlan(panel.Plan(1), panel.prompts, panel.models, panel.adapters, writer, options);
  CHECK(outcome.ok == 24);
  CHECK(panel.fakes[0]->peak_concurrency() == 1);
  CHECK(panel.fakes[1]->peak_concurrency() <= 3);
}

TEST_CASE("A stop request leaves unstarted items without records, to be resumed", "[runner]") {
  TempDir dir;
  WriteMinimalManifest(dir.path());
  Panel panel(1, 50);
  std::atomic<bool> stop{false};
  panel.fakes[0]->fail_when = [&](const ModelRequest& r) {
    if (r.messages.back().content == "q4") stop = true;  // "Ctrl-C" arrives mid-run
    return false;
  };
  RunWriter writer(dir.path());
  RunnerOptions options;
  options.concurrency = 1;
  options.stop = &stop;
  auto items = panel.Plan(1);
  auto outcome = ExecutePlan(items, panel.prompts, panel.models, panel.adapters, writer, options);
  CHECK(outcome.interrupted);
  CHECK(outcome.ok == 5);
  CHECK(outcome.not_started == 45);

  // Resuming the rest completes the run with exactly one ok record per item.
  auto done = OkCountsByKey(dir.path());
  std::vector<WorkItem> rest;
  for (const auto& item : items) {
    if (!done.count(WorkItemKey(item, panel.models, panel.prompts))) rest.push_back(item);
  }
  std::atomic<bool> no_stop{false};
  options.stop = &no_stop;
  ExecutePlan(rest, panel.prompts, panel.models, panel.adapters, writer, options);
  auto counts = OkCountsByKey(dir.path());
  CHECK(counts.size() == 50);
  for (const auto& [key, n] : counts) CHECK(n == 1);
}

TEST_CASE("Direct adapters: an item is reported done only once its record is on disk",
          "[runner]") {
  TempDir dir;
  WriteMinimalManifest(dir.path());
  Panel panel(3, 20);
  auto items = panel.Plan(1);
  RunWriter writer(dir.path());
  RunnerOptions options;
  options.concurrency = 8;
  DurabilityProbe probe(dir.path());
  probe.Install(&options);
  auto outcome = ExecutePlan(items, panel.prompts, panel.models, panel.adapters, writer, options);
  CHECK(outcome.ok == 60);
  CHECK(probe.reported() == 60);
  CHECK(probe.missing() == 0);
  CHECK(OkCountsByKey(dir.path()).size() == 60);
}
