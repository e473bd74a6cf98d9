// PrepareRun's background HTTP client: opened only for a run that will send over HTTP, and
// what opening it throws still reaches the caller of ExecuteRun.
#include "harness/cli/run_session.h"

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "tests/fakes/temp_dir.h"

namespace {

kinship::ModelConfig SimModel() {
  kinship::ModelConfig sim;
  sim.name = "teacher";
  sim.adapter = "sim";
  sim.model = "teacher-a";
  return sim;
}

kinship::ModelConfig OllamaModel() {
  kinship::ModelConfig ollama;  // needs no key; nothing is sent in these tests
  ollama.name = "local";
  ollama.adapter = "ollama";
  ollama.model = "qwen3:8b";
  ollama.base_url = "http://127.0.0.1:9";
  return ollama;
}

kinship::RunRequest DemoRequest(std::vector<kinship::ModelConfig> models) {
  kinship::RunRequest request;
  request.suites = {"demo"};
  request.models = std::move(models);
  return request;
}

}  // namespace

TEST_CASE("PrepareRun opens the HTTP client in the background only when the run will send over HTTP",
          "[cli][run_session]") {
  SECTION("an HTTP model: the client is being opened, and opens") {
    auto prepared = kinship::PrepareRun(DemoRequest({SimModel(), OllamaModel()}));
    REQUIRE(prepared.http.valid());
    auto client = prepared.http.get();
    REQUIRE(client != nullptr);
    CHECK_FALSE(client->transport().empty());
  }
  SECTION("simulated models only: no client") {
    CHECK_FALSE(kinship::PrepareRun(DemoRequest({SimModel()})).http.valid());
  }
  SECTION("a dry run: no client, though a model speaks HTTP") {
    auto request = DemoRequest({OllamaModel()});
    request.dry_run = true;
    CHECK_FALSE(kinship::PrepareRun(request).http.valid());
  }
  SECTION("a resume opens its client when it executes, not while it is planned") {
    kinship::testing::TempDir dir;
    auto request = DemoRequest({SimModel()});
    request.out_dir = dir.path() / "run";
    request.execution.quiet = true;
    REQUIRE(kinship::StartRun(request).exit_code == 0);
    CHECK_FALSE(kinship::PrepareResume(request.out_dir).http.valid());
  }
}

TEST_CASE("A client that fails to open in the background fails ExecuteRun with its configuration error",
          "[cli][run_session]") {
  kinship::testing::TempDir dir;
  auto request = DemoRequest({OllamaModel()});
  request.out_dir = dir.path() / "run";
  request.execution.quiet = true;
  request.execution.ca_file = (dir.path() / "missing.pem").string();
  auto prepared = kinship::PrepareRun(request);
  REQUIRE(prepared.http.valid());
  CHECK_THROWS_WITH(kinship::ExecuteRun(std::move(prepared), request.execution),
                    Catch::Contains("--ca-file") && Catch::Contains("missing.pem"));
}
