#include "harness/run/run_counters.h"

#include <catch2/catch.hpp>

#include "harness/run/run_writer.h"
#include "tests/fakes/temp_dir.h"

using namespace kinship;
using kinship::testing::TempDir;

namespace {

RunManifest Panel() {
  RunManifest manifest;
  ModelConfig priced;
  priced.name = "a";
  priced.price_input_per_mtok = 2.5;
  priced.price_output_per_mtok = 10;
  ModelConfig unpriced;
  unpriced.name = "b";
  ModelConfig silent;  // no records at all
  silent.name = "c";
  manifest.models = {priced, unpriced, silent};
  return manifest;
}

ResponseRecord Record(const std::string& model, int prompt, bool ok) {
  ResponseRecord r;
  r.model = model;
  r.suite = "s";
  r.prompt_id = "p" + std::to_string(prompt);
  r.status = ok ? "ok" : "error";
  r.attempts = 1 + prompt % 3;
  r.rate_limited = prompt % 2;
  r.cached = prompt % 5 == 0;
  r.input_tokens = ok ? 10 + prompt : -1;
  r.output_tokens = ok ? 20 + prompt : -1;
  r.reasoning_tokens = prompt % 4 == 0 ? 3 : -1;
  return r;
}

void CheckSame(const ModelCounters& a, const ModelCounters& b) {
  CHECK(a.ok == b.ok);
  CHECK(a.errors == b.errors);
  CHECK(a.retries == b.retries);
  CHECK(a.rate_limited == b.rate_limited);
  CHECK(a.cached == b.cached);
  CHECK(a.input_tokens == b.input_tokens);
  CHECK(a.output_tokens == b.output_tokens);
  CHECK(a.reasoning_tokens == b.reasoning_tokens);
  CHECK(a.cost_usd == b.cost_usd);
}

}  // namespace

TEST_CASE("RecordTally of a new run's records equals the recount of its file", "[run_counters]") {
  TempDir dir;
  RecordTally tally;
  {
    RunWriter writer(dir.path());
    REQUIRE(writer.started_empty());
    for (int p = 0; p < 30; ++p) {
      for (const char* model : {"a", "b"}) {
        const ResponseRecord r = Record(model, p, p % 7 != 3);
        writer.Append(r);
        tally.Add(r);
      }
    }
  }
  RunManifest counted = Panel();
  RunManifest recounted = Panel();
  tally.ApplyTo(&counted);
  RecountFromDisk(dir.path(), &recounted);
  REQUIRE(counted.counters.size() == 3);
  REQUIRE(recounted.counters.size() == 3);
  for (const char* model : {"a", "b", "c"}) {
    INFO(model);
    CheckSame(counted.counters[model], recounted.counters[model]);
  }
  CHECK(counted.counters["a"].ok == 26);
  CHECK(counted.counters["a"].errors == 4);
  CHECK(counted.counters["a"].cost_usd.has_value());
  CHECK_FALSE(counted.counters["b"].cost_usd.has_value());
  CHECK(counted.counters["c"].ok == 0);
}

TEST_CASE("RunWriter tells a new file from one that already holds records", "[run_counters]") {
  TempDir dir;
  {
    RunWriter writer(dir.path());
    CHECK(writer.started_empty());
    writer.Append(Record("a", 1, true));
  }
  RunWriter again(dir.path());
  CHECK_FALSE(again.started_empty());
}
