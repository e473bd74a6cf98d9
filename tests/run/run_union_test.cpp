#include "harness/run/run_union.h"

#include <catch2/catch.hpp>


namespace kinship {
namespace {

ResponseRecord Record(const std::string& model, const std::string& id, const std::string& out,
                      bool ok = true) {
  ResponseRecord r;
  r.model = model;
  r.suite = "s";
  r.prompt_id = id;
  r.status = ok ? "ok" : "error";
  r.output = out;
  return r;
}

Prompt MakePrompt(const std::string& id) {
  Prompt p;
  p.suite = "s";
  p.id = id;
  return p;
}

TEST_CASE("merging runs unions models and matches prompts by suite and id") {
  RunData a, b;
  a.manifest = {{"models", {{{"name", "m1"}}}}};
  a.prompts = {MakePrompt("p1"), MakePrompt("p2")};
  a.records = {Record("m1", "p1", "Сәлем"), Record("m1", "p2", "你好", false)};
  b.manifest = {{"models", {{{"name", "m2"}}}}};
  b.prompts = {MakePrompt("p2"), MakePrompt("p1")};
  b.records = {Record("m2", "p2", "b2"), Record("m1", "p2", "retry ok")};
  const RunData merged = UnionRuns({a, b});
  CHECK(merged.ModelNames() == std::vector<std::string>{"m1", "m2"});
  REQUIRE(merged.prompts.size() == 2);
  CHECK(merged.prompts[0].id == "p1");
  REQUIRE(merged.records.size() == 3);
  CHECK(merged.records[0].output == "Сәлем");
  // The later ok record replaced the earlier error for the same key, in its place.
  CHECK(merged.records[1].model == "m1");
  CHECK(merged.records[1].output == "retry ok");
  CHECK(merged.records[1].ok());
  CHECK(merged.records[2].output == "b2");
}

TEST_CASE("merging one run returns it unchanged") {
  RunData a;
  a.manifest = {{"models", {"x"}}};
  a.records = {Record("x", "p", "o")};
  CHECK(UnionRuns({a}).records.size() == 1);
  CHECK(UnionRuns({}).records.empty());
}

}  // namespace
}  // namespace kinship
