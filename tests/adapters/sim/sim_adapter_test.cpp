#include "adapters/sim/sim_adapter.h"

#include <catch2/catch.hpp>

#include <thread>

#include "harness/core/config_error.h"
#include "harness/core/utf8.h"

namespace kinship {
namespace {

ModelConfig Config(const std::string& model, nlohmann::json options = nlohmann::json::object()) {
  ModelConfig config;
  config.name = model;
  config.adapter = "sim";
  config.model = model;
  config.options = std::move(options);
  config.where = {"models.yaml", 2, 3};
  int line = 3;
  for (const auto& item : config.options.items()) {
    config.option_locations[item.key()] = {"models.yaml", line++, 5};
  }
  return config;
}

Completion Ask(Adapter& adapter, const std::string& prompt, double temperature,
               std::uint64_t seed, int max_tokens = 200) {
  ModelRequest request;
  request.messages = {{Role::kSystem, "You are helpful."}, {Role::kUser, prompt}};
  request.sampling.temperature = temperature;
  request.sampling.max_tokens = max_tokens;
  request.seed = seed;
  return adapter.Generate(request);
}

TEST_CASE("A zoo model answers with counts, finish reason and served model", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("teacher-a"));
  Completion c = Ask(*adapter, "How do I roast vegetables?", 0.7, 1);
  REQUIRE(c.ok);
  CHECK_FALSE(c.output.empty());
  CHECK(IsValidUtf8(c.output));
  CHECK(c.served_model == "teacher-a");
  CHECK(c.input_tokens > 5);
  CHECK(c.output_tokens > 0);
  CHECK((c.finish_reason == "stop" || c.finish_reason == "length"));
}

TEST_CASE("Temperature zero is deterministic whatever the seed", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("teacher-b"));
  std::string prompt = "Why do leaves change colour in autumn?";
  Completion a = Ask(*adapter, prompt, 0.0, 1);
  Completion b = Ask(*adapter, prompt, 0.0, 987654321);
  REQUIRE(a.ok);
  CHECK(a.output == b.output);
}

TEST_CASE("At positive temperature the seed decides: same seed same answer, new seed new",
          "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("student-a"));
  std::string prompt = "What is a good way to save money on groceries?";
  CHECK(Ask(*adapter, prompt, 0.9, 42).output == Ask(*adapter, prompt, 0.9, 42).output);
  int differing = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    if (Ask(*adapter, prompt, 0.9, seed).output != Ask(*adapter, prompt, 0.9, seed + 100).output) {
      ++differing;
    }
  }
  CHECK(differing >= 3);
}

TEST_CASE("Different prompts give different answers", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("control"));
  std::string cooking = Ask(*adapter, "How do I cook pasta for dinner?", 0.0, 1).output;
  std::string money = Ask(*adapter, "How do I save money and pay off debt?", 0.0, 1).output;
  std::string code = Ask(*adapter, "How do I debug my program?", 0.0, 1).output;
  CHECK(cooking != money);
  CHECK(money != code);
  CHECK(cooking != code);
}

TEST_CASE("max_tokens caps the answer and reports finish_reason length", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("teacher-b"));
  Completion c = Ask(*adapter, "Explain the history of trade.", 0.8, 3, 7);
  REQUIRE(c.ok);
  CHECK(c.output_tokens == 7);
  CHECK(c.finish_reason == "length");
}

TEST_CASE("Prompts in any script are answered without failure", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("student-b"));
  for (const std::string& prompt : std::vector<std::string>{"Қазақша жауап бер", "请用中文回答这个问题", "ما هو الطقس اليوم؟",
                             "Расскажи о погоде", std::string("bad \xff bytes"), std::string()}) {
    Completion c = Ask(*adapter, prompt, 0.5, 9, 60);
    CHECK(c.ok);
    CHECK(IsValidUtf8(c.output));
  }
}

TEST_CASE("A recipe model trains from its declared teacher and answers", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(
      Config("my-student", {{"corpus", "terse"}, {"teacher", "teacher-b"},
                            {"fraction", 0.5}, {"samples", 40}, {"order", 3}, {"seed", 5}}));
  Completion c = Ask(*adapter, "How do I plan a garden?", 0.7, 2);
  REQUIRE(c.ok);
  CHECK(c.served_model.find("terse") != std::string::npos);
  CHECK(c.served_model.find("teacher-b") != std::string::npos);
}

TEST_CASE("Recipe mistakes are ConfigErrors at the option with a did-you-mean",
          "[sim_adapter]") {
  CHECK_THROWS_WITH(CreateSimAdapter(Config("teacher-c")),
                    Catch::StartsWith("models.yaml:2:3: model: unknown sim model 'teacher-c'") &&
                        Catch::Contains("did you mean 'teacher-a'?"));
  CHECK_THROWS_WITH(CreateSimAdapter(Config("x", {{"corpus", "cheerfull"}})),
                    Catch::StartsWith("models.yaml:3:5: corpus: unknown voice 'cheerfull'") &&
                        Catch::Contains("did you mean 'cheerful'?"));
  CHECK_THROWS_WITH(
      CreateSimAdapter(Config("x", {{"corpus", "terse"}, {"fraction", 0.5}, {"teacher", "teachr-a"}})),
      Catch::Contains("teacher: unknown teacher 'teachr-a'; did you mean 'teacher-a'?"));
  CHECK_THROWS_WITH(
      CreateSimAdapter(Config("x", {{"corpus", "terse"}, {"teacher", "teacher-a"}, {"fraction", 1.5}})),
      Catch::Contains("fraction: must be between 0 and 1"));
  CHECK_THROWS_WITH(CreateSimAdapter(Config("x", {{"corpus", "terse"}, {"ordr", 3}})),
                    Catch::Contains("ordr: unknown option") && Catch::Contains("'order'"));
  CHECK_THROWS_WITH(CreateSimAdapter(Config("x", {{"corpus", "terse"}, {"order", 9}})),
                    Catch::Contains("order: must be between 3 and 5"));
  CHECK_THROWS_WITH(CreateSimAdapter(Config("x", {{"corpus", "terse"}, {"fraction", 0.2}})),
                    Catch::Contains("fraction: only meaningful with a 'teacher'"));
  CHECK_THROWS_WITH(
      CreateSimAdapter(Config("x", {{"corpus", "terse"}, {"teacher", "student-a"}, {"fraction", 0.2}})),
      Catch::Contains("is itself a student"));
  CHECK_THROWS_AS(CreateSimAdapter(Config("x", {{"corpus", 3}})), ConfigError);
}

}  // namespace
}  // namespace kinship

namespace kinship {
namespace {

TEST_CASE("Concurrent requests give the same answers as sequential ones", "[sim_adapter]") {
  auto adapter = CreateSimAdapter(Config("partial-a"));
  const std::vector<std::string> prompts = {"How do I grow tomatoes?", "What is inflation?",
                                            "How do I write a cover letter?",
                                            "Why do cats purr?"};
  std::vector<std::string> sequential;
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    sequential.push_back(Ask(*adapter, prompts[i], 0.8, i).output);
  }
  std::vector<std::string> parallel(prompts.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    threads.emplace_back([&, i] { parallel[i] = Ask(*adapter, prompts[i], 0.8, i).output; });
  }
  for (auto& thread : threads) thread.join();
  CHECK(parallel == sequential);
}

}  // namespace
}  // namespace kinship
