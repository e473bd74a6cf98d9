// The real binary against the loopback fake server: TLS verification, secrets hygiene and
// dry runs. Nothing here leaves 127.0.0.1.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "harness/core/file_io.h"
#include <nlohmann/json.hpp>

#include "tests/fakes/fake_llm_server.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"
#include "tests/fakes/test_certificates.h"

using kinship::testing::FakeLlmServer;
using kinship::testing::FakeReply;
using kinship::testing::FakeRequest;
using kinship::testing::FakeServerOptions;
using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;
using kinship::testing::TestCertificates;

namespace {

const std::string kSource = KINSHIP_SOURCE_DIR;
const std::string kSuite = kSource + "/tests/data/cli/multilingual.yaml";

std::string SuccessBody() { return kinship::ReadFileOrThrow(kSource + "/tests/data/wire/openai/response_success.json"); }

// A models file with one openai-compatible model at `base_url` whose key is in KEY_VAR.
std::filesystem::path WriteModels(const TempDir& dir, const std::string& base_url) {
  auto path = dir.path() / "models.yaml";
  std::ofstream(path) << "models:\n"
                         "  remote:\n"
                         "    adapter: openai\n"
                         "    model: gpt-test\n"
                         "    base_url: " << base_url << "\n"
                         "    api_key_env: KINSHIP_TEST_KEY\n"
                         "    max_attempts: 1\n"
                         "    price: {input_per_mtok: 1.0, output_per_mtok: 2.0}\n";
  return path;
}

// Every file under `root`, concatenated (to search for a planted secret).
std::string AllBytesUnder(const std::filesystem::path& root) {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) all += kinship::ReadFileOrThrow(entry.path());
  }
  return all;
}

}  // namespace

TEST_CASE("HTTPS to a self-signed server is refused by default and accepted with --ca-file",
          "[cli][tls]") {
  TestCertificates certificates;
  FakeServerOptions tls;
  tls.cert_file = certificates.localhost_cert();
  tls.key_file = certificates.localhost_key();
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); }, tls);
  TempDir dir;
  auto models = WriteModels(dir, "https://127.0.0.1:" + std::to_string(server.port()) + "/v1");
  std::vector<std::string> env = {"KINSHIP_TEST_KEY=test-key-value"};

  auto refused = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--out",
                                     (dir.path() / "refused").string(), "--no-cache", "--quiet"}),
                            "", env);
  CHECK(refused.exit_code == 1);
  std::string records = kinship::ReadFileOrThrow(dir.path() / "refused" / "responses.jsonl");
  CHECK(records.find("\"error_kind\":\"tls\"") != std::string::npos);
  CHECK(records.find("\"status\":\"ok\"") == std::string::npos);

  auto accepted = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--out",
                                      (dir.path() / "accepted").string(), "--no-cache", "--quiet",
                                      "--ca-file", certificates.ca_file()}),
                             "", env);
  CHECK(accepted.exit_code == 0);
  CHECK(kinship::ReadFileOrThrow(dir.path() / "accepted" / "responses.jsonl").find("\"status\":\"ok\"") !=
        std::string::npos);
}

TEST_CASE("An unreadable --ca-file stops the run before its folder is created", "[cli][tls]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  auto models = WriteModels(dir, server.base_url() + "/v1");
  const auto out = dir.path() / "run";
  auto run = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--out", out.string(),
                                 "--no-cache", "--quiet", "--ca-file",
                                 (dir.path() / "missing.pem").string()}),
                        "", {"KINSHIP_TEST_KEY=test-key-value"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("--ca-file: cannot load") != std::string::npos);
  CHECK(run.err.find("missing.pem") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(server.requests().empty());
}

TEST_CASE("A planted API key reaches the server and nothing else: run, cache, report, log",
          "[cli][secrets]") {
  const std::string key = "kinship-planted-secret-3f9a7c21d";
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  auto models = WriteModels(dir, server.base_url() + "/v1");
  auto run_dir = dir.path() / "run";
  auto cache = dir.path() / "cache" / "cache.sqlite";
  std::vector<std::string> env = {"KINSHIP_TEST_KEY=" + key};

  auto run = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--out",
                                 run_dir.string(), "--cache", cache.string(), "--verbose"}),
                        "", env);
  REQUIRE(run.exit_code == 0);
  // A second run is answered from the cache (and must not write the key there either).
  auto cached = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--out",
                                    (dir.path() / "run2").string(), "--cache", cache.string(),
                                    "--verbose"}),
                           "", env);
  REQUIRE(cached.exit_code == 0);
  auto report = RunProcess(Kinship({"report", run_dir.string(), "--format", "terminal,markdown"}),
                           "", env);
  REQUIRE(report.exit_code == 0);

  // The key was used: every request carried it.
  auto requests = server.requests();
  REQUIRE(requests.size() == 4);  // four prompts, once; the second run hit the cache
  for (const auto& request : requests) {
    CHECK(request.Header("authorization") == std::optional<std::string>("Bearer " + key));
  }
  // And it is nowhere else.
  CHECK(AllBytesUnder(dir.path()).find(key) == std::string::npos);
  for (const auto& output : {run.out, run.err, cached.out, cached.err, report.out, report.err}) {
    CHECK(output.find(key) == std::string::npos);
  }
  CHECK(run.err.find("attempt 1: ok") != std::string::npos);  // --verbose did log
  std::string second = kinship::ReadFileOrThrow(dir.path() / "run2" / "responses.jsonl");
  CHECK(second.find("\"cached\":true") != std::string::npos);
  // Usage and cost reach the manifest.
  auto manifest = nlohmann::json::parse(kinship::ReadFileOrThrow(run_dir / "manifest.json"));
  CHECK(manifest["counters"]["remote"]["input_tokens"].get<long long>() > 0);
  CHECK(manifest["counters"]["remote"]["cost_usd"].is_number());
  CHECK(manifest.dump().find("KINSHIP_TEST_KEY") != std::string::npos);  // the NAME is kept
}

TEST_CASE("A missing key variable is a configuration error before anything is sent",
          "[cli][secrets]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  auto models = WriteModels(dir, server.base_url() + "/v1");
  auto result = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--out",
                                    (dir.path() / "run").string(), "--no-cache"}),
                           "", {"KINSHIP_TEST_KEY="});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("KINSHIP_TEST_KEY") != std::string::npos);
  CHECK(server.request_count() == 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "run"));
}

TEST_CASE("A dry run prints the request count and cost bound and sends nothing", "[cli][dry_run]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  auto models = WriteModels(dir, server.base_url() + "/v1");
  auto result = RunProcess(Kinship({"run", kSuite, "--models", models.string(), "--model",
                                    "remote", "--model", "teacher-a", "--samples", "3",
                                    "--dry-run"}),
                           dir.path().string(), {"KINSHIP_TEST_KEY=k"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("remote") != std::string::npos);
  CHECK(result.out.find("total") != std::string::npos);
  CHECK(result.out.find(" 24 ") != std::string::npos);  // 4 prompts x 3 samples x 2 models
  CHECK(result.out.find("nothing was sent") != std::string::npos);
  CHECK(server.request_count() == 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "results"));
}

TEST_CASE("Two kinship runs sharing one cache at the same time both complete correctly",
          "[cli][cache]") {
  FakeLlmServer server([](const FakeRequest&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return FakeReply::Json(SuccessBody());
  });
  TempDir dir;
  auto models = WriteModels(dir, server.base_url() + "/v1");
  auto cache = dir.path() / "shared.sqlite";
  std::vector<std::string> env = {"KINSHIP_TEST_KEY=k"};
  auto suite = kSource + "/tests/data/cli/many_prompts.yaml";  // 60 prompts x 3 samples
  kinship::testing::ChildProcess first(
      Kinship({"run", suite, "--models", models.string(), "--out", (dir.path() / "a").string(),
               "--cache", cache.string(), "--concurrency", "8", "--quiet"}),
      "", env);
  kinship::testing::ChildProcess second(
      Kinship({"run", suite, "--models", models.string(), "--out", (dir.path() / "b").string(),
               "--cache", cache.string(), "--concurrency", "8", "--quiet"}),
      "", env);
  auto a = first.Wait();
  auto b = second.Wait();
  CHECK(a.exit_code == 0);
  CHECK(b.exit_code == 0);
  for (const char* run : {"a", "b"}) {
    auto manifest = nlohmann::json::parse(kinship::ReadFileOrThrow(dir.path() / run / "manifest.json"));
    CHECK(manifest["status"] == "complete");
    CHECK(manifest["counters"]["remote"]["ok"] == 180);
  }
  // Whatever one run stored, the other may have used; together they sent at most 360.
  CHECK(server.request_count() <= 360);
  CHECK(server.request_count() >= 180);
  auto third = RunProcess(Kinship({"run", suite, "--models", models.string(), "--out",
                                   (dir.path() / "c").string(), "--cache", cache.string(),
                                   "--quiet"}),
                          "", env);
  CHECK(third.exit_code == 0);
  auto manifest = nlohmann::json::parse(kinship::ReadFileOrThrow(dir.path() / "c" / "manifest.json"));
  CHECK(manifest["counters"]["remote"]["cached"] == 180);  // everything came from the cache
}
