#include "adapters/command/command_adapter.h"

#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "tests/adapters/wire/wire_test_support.h"

namespace kinship {
namespace {

std::unique_ptr<Adapter> Command(const std::string& interpreter, const std::string& script,
                                 double timeout_s = 30) {
  const std::string path = (testing::WireDataDir() / "command" / script).string();
  return CreateCommandAdapter(testing::MakeConfig(
      "command", "local-model",  "",
      {{"command", {interpreter, path}}, {"timeout_s", timeout_s}}));
}

// No child of this process is left unreaped.
bool NoZombies() { return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD; }

TEST_CASE("command sends the request as JSON on stdin and reads the answer", "[command]") {
  const auto adapter = Command("python3", "echo_model.py");
  const Completion c = adapter->Generate(testing::StandardRequest());
  REQUIRE(c.ok);
  CHECK(c.output == "echo: Сәлем! 你好 مرحبا — explain kinship in one line.");
  CHECK(c.reasoning == "seed=1234567890123 sample=2 model=local-model");
  CHECK(c.input_tokens == 2);
  CHECK(c.output_tokens == 3);
  CHECK(c.finish_reason == "stop");
  CHECK(NoZombies());
}

TEST_CASE("command {\"error\": ...} answers are command_error values", "[command]") {
  const Completion c = Command("python3", "error_answer.py")->Generate(testing::StandardRequest());
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "command_error");
  CHECK_THAT(c.error, Catch::Contains("quota exhausted for this hour"));
}

TEST_CASE("command output that is not JSON is bad_response with stderr's first lines",
          "[command]") {
  const Completion c = Command("python3", "bad_json.py")->Generate(testing::StandardRequest());
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "bad_response");
  CHECK_THAT(c.error, Catch::Contains("this is not json"));
  CHECK_THAT(c.error, Catch::Contains("model weights not found | falling back"));
}

TEST_CASE("command non-zero exit is command_failed with the status and stderr", "[command]") {
  const Completion c = Command("python3", "exit_nonzero.py")->Generate(testing::StandardRequest());
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "command_failed");
  CHECK_THAT(c.error, Catch::Contains("exited with status 3"));
  CHECK_THAT(c.error, Catch::Contains("ValueError: bad prompt"));
  CHECK(NoZombies());
}

TEST_CASE("command that never answers is killed at timeout_s, helpers included", "[command]") {
  const auto adapter = Command("/bin/sh", "sleep_forever.sh", 0.5);
  const auto start = std::chrono::steady_clock::now();
  const Completion c = adapter->Generate(testing::StandardRequest());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "timeout");
  // Generous bound: the helper sleeps 300 s, so only a group kill returns this early.
  CHECK(elapsed < std::chrono::seconds(60));
  CHECK(NoZombies());
}

TEST_CASE("command that exits without reading a large request does not kill the caller",
          "[command]") {
  ModelRequest r = testing::StandardRequest();
  r.messages.push_back({Role::kUser, std::string(4 << 20, 'x')});
  const Completion c = Command("/bin/sh", "no_read.sh")->Generate(r);
  REQUIRE(c.ok);
  CHECK(c.output == "did not read");
}

TEST_CASE("command that cannot be started is command_failed", "[command]") {
  const auto adapter = CreateCommandAdapter(testing::MakeConfig(
      "command", "m", "", {{"command", {"/nonexistent/kinship-model"}}}));
  const Completion c = adapter->Generate(testing::StandardRequest());
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "command_failed");
  CHECK_THAT(c.error, Catch::Contains("No such file"));
  CHECK(NoZombies());
}

TEST_CASE("command runs safely from several threads at once", "[command]") {
  const auto adapter = Command("python3", "echo_model.py");
  constexpr int kThreads = 6;
  std::vector<Completion> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ModelRequest r = testing::StandardRequest();
      r.messages.back().content = "thread " + std::to_string(i);
      results[i] = adapter->Generate(r);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    INFO(results[i].error);
    REQUIRE(results[i].ok);
    CHECK(results[i].output == "echo: thread " + std::to_string(i));
  }
  CHECK(NoZombies());
}

TEST_CASE("command takes its timeout from the entry's common timeout_s", "[command]") {
  ModelConfig config = testing::MakeConfig(
      "command", "m", "",
      {{"command", {"/bin/sh", (testing::WireDataDir() / "command" / "sleep_forever.sh").string()}}});
  config.timeout_s = 0.3;
  const Completion c = CreateCommandAdapter(config)->Generate(testing::StandardRequest());
  CHECK(c.error_kind == "timeout");
  CHECK_THAT(c.error, Catch::Contains("within 300 ms"));
}

TEST_CASE("command options are validated at their location", "[command]") {
  CHECK_THROWS_WITH(CreateCommandAdapter(testing::MakeConfig("command", "m")),
                    Catch::StartsWith("models.yaml:3:5: command:"));
  CHECK_THROWS_WITH(
      CreateCommandAdapter(testing::MakeConfig("command", "m", "", {{"command", "python3 x.py"}})),
      Catch::StartsWith("models.yaml:9:7: command: must be a non-empty list"));
  CHECK_THROWS_WITH(CreateCommandAdapter(testing::MakeConfig(
                        "command", "m", "", {{"command", {"x"}}, {"timeout_s", -1}})),
                    Catch::Contains("timeout_s: must be a number"));
}

}  // namespace
}  // namespace kinship
