#include "adapters/replay/replay_adapter.h"

#include <fstream>

#include <catch2/catch.hpp>

#include "adapters/adapter_registry.h"
#include "harness/core/config_error.h"
#include "tests/fakes/temp_dir.h"

using namespace kinship;
using kinship::testing::TempDir;

namespace {

const std::string kAnswers = std::string(KINSHIP_SOURCE_DIR) + "/tests/data/import/answers.jsonl";

ModelConfig ReplayConfig(const std::string& source, const std::string& recorded) {
  ModelConfig config;
  config.name = "r";
  config.adapter = "replay";
  config.model = "r";
  config.options = {{"source", source}, {"recorded_model", recorded}};
  return config;
}

ModelRequest Request(const std::string& suite, const std::string& id, int sample,
                     const std::string& text) {
  ModelRequest request;
  request.suite = suite;
  request.prompt_id = id;
  request.sample_index = sample;
  request.messages = {{Role::kSystem, "sys"}, {Role::kUser, text}};
  return request;
}

void Write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("replay answers by prompt id and sample from an import-format file", "[replay]") {
  auto adapter = CreateAdapter(ReplayConfig(kAnswers, "student"));
  Completion c = adapter->Generate(Request("any", "zh-1", 1, "unrelated text"));
  REQUIRE(c.ok);
  CHECK(c.output == "蓝光散射更强 \"引号\" \\ 反斜杠");
  CHECK(adapter->Generate(Request("any", "zh-1", 0, "")).output == "瑞利散射。");
  CHECK(adapter->Generate(Request("any", "kk-1", 0, "")).output ==
        "Астана.\nЖауап: Астана қаласы.");
}

TEST_CASE("replay falls back to the exact text of the last user turn", "[replay]") {
  auto adapter = CreateAdapter(ReplayConfig(kAnswers, "teacher"));
  Completion c = adapter->Generate(Request("demo", "renamed-id", 0, "ما هي عاصمة مصر؟"));
  REQUIRE(c.ok);
  CHECK(c.output == "عاصمة مصر هي القاهرة.");
}

TEST_CASE("replay reports an unrecorded prompt as a not_recorded error value", "[replay]") {
  auto adapter = CreateAdapter(ReplayConfig(kAnswers, "teacher"));
  Completion c = adapter->Generate(Request("demo", "nope", 0, "never asked"));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "not_recorded");
  CHECK(c.error.find("'nope'") != std::string::npos);
  // A recorded prompt but an unrecorded sample is missing too.
  CHECK(adapter->Generate(Request("demo", "kk-1", 3, "")).error_kind == "not_recorded");
}

TEST_CASE("replay reads a run directory: ok records by suite, prompts for texts", "[replay]") {
  TempDir tmp;
  Write(tmp.path() / "prompts.jsonl",
        "{\"suite\":\"s\",\"id\":\"p1\",\"messages\":[{\"role\":\"user\",\"content\":\"Сәлем\"}]}\n");
  Write(tmp.path() / "responses.jsonl",
        "{\"model\":\"m\",\"suite\":\"s\",\"prompt_id\":\"p1\",\"sample\":0,\"status\":\"error\","
        "\"output\":\"\"}\n"
        "{\"model\":\"m\",\"suite\":\"s\",\"prompt_id\":\"p1\",\"sample\":0,\"status\":\"ok\","
        "\"output\":\"Жауап 1\"}\n"
        "{\"model\":\"other\",\"suite\":\"s\",\"prompt_id\":\"p2\",\"sample\":0,\"status\":\"ok\","
        "\"output\":\"not mine\"}\n"
        "{\"model\":\"m\",\"suite\":\"s\",\"prompt_id\":\"p1\",\"sa");  // torn last line
  auto adapter = CreateAdapter(ReplayConfig(tmp.path().string(), "m"));
  CHECK(adapter->Generate(Request("s", "p1", 0, "")).output == "Жауап 1");
  CHECK(adapter->Generate(Request("other-suite", "x", 0, "Сәлем")).output == "Жауап 1");
  CHECK(adapter->Generate(Request("s", "p2", 0, "")).error_kind == "not_recorded");
}

TEST_CASE("replay without a source, or with no answers of the model, fails at creation",
          "[replay]") {
  ModelConfig no_source = ReplayConfig(kAnswers, "teacher");
  no_source.options.erase("source");
  CHECK_THROWS_AS(CreateAdapter(no_source), ConfigError);
  CHECK_THROWS_WITH(CreateAdapter(ReplayConfig(kAnswers, "ghost")),
                    Catch::Contains("no recorded answer of model 'ghost'"));
  CHECK_THROWS_AS(CreateAdapter(ReplayConfig("/nonexistent/replay", "m")), ConfigError);
}

TEST_CASE("replay's recorded_model defaults to the config's model", "[replay]") {
  ModelConfig config = ReplayConfig(kAnswers, "");
  config.options.erase("recorded_model");
  config.model = "teacher";
  auto adapter = CreateAdapter(config);
  CHECK(adapter->Generate(Request("", "kk-1", 0, "")).output ==
        "Қазақстанның астанасы — Астана қаласы.");
}
