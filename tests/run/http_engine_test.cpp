// The engine against the loopback fake server, fault by fault (issue 3: "for each fault the
// run finishes within its deadline, every item ends as a success or a clear recorded
// error, nothing finished is lost").
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <catch2/catch.hpp>

#include "adapters/adapter_registry.h"
#include "harness/net/http_client.h"
#include "harness/run/run_reader.h"
#include "harness/run/runner.h"
#include "tests/fakes/fake_llm_server.h"
#include "tests/fakes/temp_dir.h"
#include "tests/run/durability_probe.h"

using namespace kinship;
using kinship::testing::FakeFault;
using kinship::testing::FakeLlmServer;
using kinship::testing::FakeReply;
using kinship::testing::FakeRequest;
using kinship::testing::DurabilityProbe;
using kinship::testing::TempDir;

namespace {

std::string SuccessBody() {
  std::ifstream in(std::string(KINSHIP_SOURCE_DIR) + "/tests/data/wire/openai/response_success.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scripted backend: the reply for the n-th request (0-based) of each prompt comes from
// `script(prompt_text, n)`.
class ScriptedBackend {
 public:
  using Script = std::function<FakeReply(const std::string& prompt, int attempt)>;
  explicit ScriptedBackend(Script script)
      : script_(std::move(script)),
        server_([this](const FakeRequest& request) { return Reply(request); }) {}

  std::string base_url() const { return server_.base_url() + "/v1"; }
  const FakeLlmServer& server() const { return server_; }

 private:
  FakeReply Reply(const FakeRequest& request) {
    // The prompt text is the last "content" of the request body.
    auto at = request.body.rfind("\"content\":\"");
    std::string prompt = at == std::string::npos
                             ? ""
                             : request.body.substr(at + 11, request.body.find('"', at + 11) - at - 11);
    int n;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      n = seen_[prompt]++;
    }
    return script_(prompt, n);
  }

  Script script_;
  std::mutex mutex_;
  std::map<std::string, int> seen_;
  FakeLlmServer server_;
};

struct Panel {
  std::vector<ModelConfig> models;
  std::vector<std::unique_ptr<Adapter>> adapters;
  std::vector<Adapter*> raw;
  std::vector<Prompt> prompts;

  Panel(const std::string& base_url, int prompt_count, double timeout_s = 5, double deadline_s = 30,
        int max_attempts = 4) {
    ModelConfig model;
    model.name = "m";
    model.adapter = "openai";
    model.model = "gpt-test";
    model.base_url = base_url;
    model.timeout_s = timeout_s;
    model.deadline_s = deadline_s;
    model.max_attempts = max_attempts;
    models.push_back(model);
    adapters.push_back(CreateAdapter(model));
    raw.push_back(adapters.back().get());
    for (int p = 0; p < prompt_count; ++p) {
      Prompt prompt;
      prompt.suite = "s";
      prompt.id = "p" + std::to_string(p);
      prompt.messages = {{Role::kUser, "prompt" + std::to_string(p)}};
      prompts.push_back(prompt);
    }
  }
};

struct Result {
  RunnerOutcome outcome;
  RunData run;
  double seconds = 0;
};

Result Execute(Panel& panel, const TempDir& dir, int concurrency = 4,
               DurabilityProbe* probe = nullptr) {
  std::ofstream(dir.path() / "manifest.json") << R"({"format":"kinship-run/1","models":[]})";
  auto items = BuildPlan(panel.models, panel.prompts, std::vector<int>(panel.prompts.size(), 1), {});
  HttpClient http;
  RunWriter writer(dir.path());
  RunnerOptions options;
  options.concurrency = concurrency;
  options.http = &http;
  options.retry_base_delay = std::chrono::milliseconds(10);
  if (probe != nullptr) probe->Install(&options);
  auto start = std::chrono::steady_clock::now();
  Result result;
  result.outcome = ExecutePlan(items, panel.prompts, panel.models, panel.raw, writer, options);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.run = ReadRun(dir.path());
  return result;
}

}  // namespace

TEST_CASE("Transient server errors are retried until the answer comes", "[http_engine]") {
  for (int status : {500, 502, 503, 408}) {
    ScriptedBackend backend([&](const std::string&, int n) {
      return n == 0 ? FakeReply::ServerError(status) : FakeReply::Json(SuccessBody());
    });
    Panel panel(backend.base_url(), 3);
    TempDir dir;
    auto result = Execute(panel, dir);
    INFO(status);
    CHECK(result.outcome.ok == 3);
    CHECK(result.outcome.retries == 3);
    REQUIRE(result.run.records.size() == 3);
    for (const auto& r : result.run.records) {
      CHECK(r.ok());
      CHECK(r.attempts == 2);
      CHECK(r.output == "Туыстық — 亲属关系 — القرابة.");
      CHECK(r.system_fingerprint == "fp_0a1b2c3d4e");
      CHECK_FALSE(r.logprobs.empty());
    }
  }
}

TEST_CASE("A 429 is retried no sooner than its Retry-After and counted", "[http_engine]") {
  ScriptedBackend backend([&](const std::string&, int n) {
    return n == 0 ? FakeReply::TooManyRequests(1) : FakeReply::Json(SuccessBody());
  });
  Panel panel(backend.base_url(), 1);
  TempDir dir;
  auto result = Execute(panel, dir);
  CHECK(result.outcome.ok == 1);
  CHECK(result.outcome.rate_limited == 1);
  REQUIRE(result.run.records.size() == 1);
  CHECK(result.run.records[0].attempts == 2);
  CHECK(result.run.records[0].rate_limited == 1);
  CHECK(result.seconds >= 0.95);  // Retry-After: 1 was honoured, not the 10 ms back-off
}

TEST_CASE("Connection faults are retried; a drip-fed answer is read whole", "[http_engine]") {
  for (FakeFault fault : {FakeFault::kCloseBeforeResponse, FakeFault::kResetMidBody,
                          FakeFault::kTruncatedBody}) {
    ScriptedBackend backend([&](const std::string&, int n) {
      return n == 0 ? FakeReply::WithFault(fault, SuccessBody()) : FakeReply::Json(SuccessBody());
    });
    Panel panel(backend.base_url(), 2);
    TempDir dir;
    auto result = Execute(panel, dir);
    INFO(static_cast<int>(fault));
    CHECK(result.outcome.ok == 2);
    for (const auto& r : result.run.records) CHECK(r.attempts == 2);
  }
  ScriptedBackend drip([&](const std::string&, int) {
    FakeReply reply = FakeReply::WithFault(FakeFault::kDrip, SuccessBody());
    reply.drip_delay_ms = 0;
    return reply;
  });
  Panel panel(drip.base_url(), 1);
  TempDir dir;
  auto result = Execute(panel, dir);
  CHECK(result.outcome.ok == 1);
  CHECK(result.run.records[0].attempts == 1);
}

TEST_CASE("A stall past the attempt timeout is cut off and retried", "[http_engine]") {
  ScriptedBackend backend([&](const std::string&, int n) {
    if (n == 0) {
      FakeReply reply = FakeReply::WithFault(FakeFault::kStall, SuccessBody());
      reply.stall_ms = 5000;
      return reply;
    }
    return FakeReply::Json(SuccessBody());
  });
  Panel panel(backend.base_url(), 1, /*timeout_s=*/0.3);
  TempDir dir;
  auto result = Execute(panel, dir);
  CHECK(result.outcome.ok == 1);
  CHECK(result.run.records[0].attempts == 2);
  CHECK(result.seconds < 4.0);  // did not wait for the stalled reply
}

TEST_CASE("Permanent failures are recorded at once as clear errors", "[http_engine]") {
  struct Case {
    FakeReply reply;
    std::string kind;
  };
  std::vector<Case> cases = {{FakeReply::InvalidJson(), "bad_response"},
                             {FakeReply::Json(R"({"error":{"message":"bad model"}})", 400), "http_400"},
                             {FakeReply::Oversized(9u << 20), "too_large"}};
  for (const auto& c : cases) {
    ScriptedBackend backend([&](const std::string&, int) { return c.reply; });
    Panel panel(backend.base_url(), 2);
    TempDir dir;
    auto result = Execute(panel, dir);
    INFO(c.kind);
    CHECK(result.outcome.errors == 2);
    CHECK(result.outcome.retries == 0);
    for (const auto& r : result.run.records) {
      CHECK_FALSE(r.ok());
      CHECK(r.error_kind == c.kind);
      CHECK_FALSE(r.error.empty());
      CHECK(r.attempts == 1);
    }
  }
}

TEST_CASE("Retries stop at max_attempts and at the item deadline", "[http_engine]") {
  ScriptedBackend always_503([&](const std::string&, int) { return FakeReply::ServerError(503); });
  Panel attempts_panel(always_503.base_url(), 2, 5, 30, /*max_attempts=*/3);
  TempDir dir;
  auto result = Execute(attempts_panel, dir);
  CHECK(result.outcome.errors == 2);
  for (const auto& r : result.run.records) {
    CHECK(r.attempts == 3);
    CHECK(r.error_kind == "http_503");
  }

  ScriptedBackend stalls([&](const std::string&, int) {
    FakeReply reply = FakeReply::WithFault(FakeFault::kStall, SuccessBody());
    reply.stall_ms = 3000;
    return reply;
  });
  Panel deadline_panel(stalls.base_url(), 2, /*timeout_s=*/0.2, /*deadline_s=*/0.7, 100);
  TempDir deadline_dir;
  auto bounded = Execute(deadline_panel, deadline_dir);
  CHECK(bounded.outcome.errors == 2);
  CHECK(bounded.seconds < 2.5);  // 0.7 s deadline per item, run in parallel
  for (const auto& r : bounded.run.records) CHECK(r.error_kind == "timeout");
}

TEST_CASE("A mixed storm of faults: every item ends once, ok or a clear error", "[http_engine]") {
  ScriptedBackend backend([&](const std::string& prompt, int n) {
    int k = std::atoi(prompt.c_str() + 6) % 7;  // "promptN"
    if (n > 0) return FakeReply::Json(SuccessBody());
    switch (k) {
      case 0: return FakeReply::ServerError(502);
      case 1: return FakeReply::WithFault(FakeFault::kResetMidBody, SuccessBody());
      case 2: return FakeReply::InvalidJson();
      case 3: return FakeReply::WithFault(FakeFault::kCloseBeforeResponse);
      case 4: return FakeReply::Json(R"({"error":{"message":"no"}})", 404);
      default: return FakeReply::Json(SuccessBody());
    }
  });
  Panel panel(backend.base_url(), 70);
  TempDir dir;
  auto result = Execute(panel, dir, 16);
  CHECK(result.outcome.ok + result.outcome.errors == 70);
  CHECK(result.outcome.errors == 20);  // invalid JSON and 404: not retried
  std::map<std::string, int> per_item;
  for (const auto& r : result.run.records) ++per_item[r.prompt_id];
  CHECK(per_item.size() == 70);
  for (const auto& [id, n] : per_item) CHECK(n == 1);
  CHECK(result.run.skipped_lines == 0);
}

TEST_CASE("Group commit: an answered item is reported done only once its record is on disk",
          "[http_engine]") {
  ScriptedBackend backend([&](const std::string& prompt, int) {
    // Some failures too: error records go through the same group commit.
    if (std::atoi(prompt.c_str() + 6) % 5 == 0) return FakeReply::Json(R"({"error":{"message":"no"}})", 404);
    return FakeReply::Json(SuccessBody());
  });
  Panel panel(backend.base_url(), 120);
  TempDir dir;
  DurabilityProbe probe(dir.path());
  auto result = Execute(panel, dir, 16, &probe);
  CHECK(result.outcome.ok == 96);
  CHECK(result.outcome.errors == 24);
  CHECK(probe.reported() == 120);
  CHECK(probe.missing() == 0);
  CHECK(result.run.records.size() == 120);
  CHECK(result.run.skipped_lines == 0);
}
