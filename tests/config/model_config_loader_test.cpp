#include "harness/config/model_config_loader.h"

#include <catch2/catch.hpp>

#include "tests/config/temp_dir.h"

namespace kinship {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string ModelsError(const std::string& yaml) {
  TempDir dir;
  try {
    LoadModelsFile(dir.Write("models.yaml", yaml));
  } catch (const ConfigError& e) {
    std::string message = e.what();
    std::string prefix = dir.path().string() + "/";
    for (auto pos = message.find(prefix); pos != std::string::npos; pos = message.find(prefix)) {
      message.erase(pos, prefix.size());
    }
    return message;
  }
  return "(no error)";
}

TEST_CASE("the example zoo file loads every entry in order") {
  fs::path file = fs::path(KINSHIP_SOURCE_DIR) / "tests/data/models/zoo.yaml";
  std::vector<ModelConfig> models = LoadModelsFile(file);
  REQUIRE(models.size() == 7);
  CHECK(models[0].name == "teacher-a");
  CHECK(models[0].adapter == "sim");
  CHECK(models[0].model.empty());
  CHECK(models[0].where.ToString() == file.string() + ":3:3");
  CHECK(models[0].options == nlohmann::json{{"recipe", {{"corpus", "styles"}, {"order", 2}, {"seed", 11}}}});
  CHECK(models[0].option_locations.at("recipe").ToString() == file.string() + ":5:5");
  CHECK(models[2].options["recipe"]["fraction"] == 0.9);
  CHECK(models[2].options["recipe"]["teacher"] == "teacher-a");
  CHECK(models[5].name == "partial-a");

  const ModelConfig& gpt = models[6];
  CHECK(gpt.adapter == "openai");
  CHECK(gpt.model == "gpt-4o-mini");
  CHECK(gpt.api_key_env == "OPENAI_API_KEY");
  CHECK(gpt.params.temperature == 0.7);
  CHECK(gpt.params.max_tokens == 256);
  CHECK(gpt.params.seed == 5u);
  CHECK(gpt.params.stop == std::vector<std::string>{"###"});
  CHECK_FALSE(gpt.params.top_p.has_value());
  CHECK(gpt.price_input_per_mtok == 0.15);
  CHECK(gpt.price_output_per_mtok == 0.6);
  CHECK(gpt.concurrency == 8);
  CHECK(gpt.rpm == 500);
  CHECK(gpt.tpm == 200000);
  CHECK(gpt.timeout_s == 60);
  CHECK(gpt.deadline_s == 300);
  CHECK(gpt.max_attempts == 5);
  CHECK(gpt.options.empty());
}

TEST_CASE("adapter-specific keys are kept as typed JSON with their locations") {
  TempDir dir;
  fs::path file = dir.Write("models.yaml",
                            "models:\n"
                            "  m:\n"
                            "    adapter: command\n"
                            "    argv: [python3, run.py]\n"
                            "    shell: false\n"
                            "    label: no\n"
                            "    quoted: '42'\n"
                            "    ratio: 0.5\n"
                            "    seed: 9\n"
                            "    base: x\n");
  ModelConfig config = LoadModelsFile(file).at(0);
  CHECK(config.options == nlohmann::json{{"argv", {"python3", "run.py"}},
                                         {"shell", false},
                                         {"label", "no"},
                                         {"quoted", "42"},
                                         {"ratio", 0.5},
                                         {"seed", 9},
                                         {"base", "x"}});
  CHECK(config.option_locations.size() == 7);
  CHECK(config.option_locations.at("argv").line == 4);
  CHECK(config.option_locations.at("argv").column == 5);
  CHECK(config.option_locations.at("seed").line == 9);
}

TEST_CASE("CommonModelKeys lists the keys every entry may use") {
  const auto& keys = CommonModelKeys();
  CHECK(keys.size() == 13);
  CHECK(std::find(keys.begin(), keys.end(), "api_key_env") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "family") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "max_attempts") != keys.end());
}

TEST_CASE("family is a common key: kept as text, empty refused, a typo suggested") {
  TempDir dir;
  fs::path file = dir.Write("models.yaml",
                            "models:\n"
                            "  m:\n"
                            "    adapter: sim\n"
                            "    family: qwen\n");
  CHECK(LoadModelsFile(file).at(0).family == "qwen");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    family: ''\n") ==
        "models.yaml:4:13: models.m.family: must not be empty");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    famliy: qwen\n") ==
        "models.yaml:4:5: models.m.famliy: unknown key; did you mean 'family'?");
}

TEST_CASE("a literal key in a models file is refused without echoing it") {
  for (const char* key : {"api_key", "key", "token"}) {
    std::string message = ModelsError(std::string("models:\n  m:\n    adapter: openai\n    ") + key +
                                      ": sk-secret-value\n");
    CHECK(message == std::string("models.yaml:4:5: models.m.") + key +
                         ": never write a key in a models file; put it in an environment variable "
                         "and give that variable's name as api_key_env (e.g. api_key_env: "
                         "OPENAI_API_KEY)");
    CHECK(message.find("sk-secret") == std::string::npos);
  }
  // Nested inside an adapter-specific map too.
  CHECK(ModelsError("models:\n  m:\n    adapter: x\n    auth: {token: abc}\n") ==
        "models.yaml:4:12: models.m.auth.token: never write a key in a models file; put it in an "
        "environment variable and give that variable's name as api_key_env (e.g. api_key_env: "
        "OPENAI_API_KEY)");
  std::string pasted = ModelsError("models:\n  m:\n    adapter: x\n    api_key_env: sk-abc123\n");
  CHECK(pasted == "models.yaml:4:18: models.m.api_key_env: must be the NAME of an environment "
                  "variable (letters, digits and _), not the key itself");
}

TEST_CASE("models-file errors carry location, field and did-you-mean") {
  CHECK(ModelsError("models:\n  m:\n    adaptor: sim\n") ==
        "models.yaml:2:3: models.m.adapter: missing required key");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    modle: x\n") ==
        "models.yaml:4:5: models.m.modle: unknown key; did you mean 'model'?");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    timeout: 5\n") ==
        "models.yaml:4:5: models.m.timeout: unknown key; did you mean 'timeout_s'?");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    params: {temprature: 1}\n") ==
        "models.yaml:4:14: models.m.params.temprature: unknown key; did you mean 'temperature'?");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    price: {input: 1}\n") ==
        "models.yaml:4:13: models.m.price.input: unknown key; did you mean 'input_per_mtok'?");
  CHECK(ModelsError("models:\n  m:\n    adapter: sim\n    temperature: 1\n") ==
        "models.yaml:4:5: models.m.temperature: sampling settings go under 'params:' (params: "
        "{temperature: ...})");
  CHECK(ModelsError("modles:\n  m: {adapter: sim}\n") ==
        "models.yaml:1:1: modles: unknown key; did you mean 'models'?");
  CHECK(ModelsError("models:\n  - m\n") ==
        "models.yaml:2:3: models: expected a map of name -> settings, got a list");
  CHECK(ModelsError("models: {}\n") == "models.yaml:1:9: models: no models defined");
  CHECK(ModelsError("models:\n  m: sim\n") ==
        "models.yaml:2:6: models.m: expected a map of settings (adapter, model, ...), got 'sim'");
  CHECK(ModelsError("models:\n  m: {adapter: sim}\n  m: {adapter: sim}\n") ==
        "models.yaml:3:3: m: duplicate key (first written at models.yaml:2:3)");
  CHECK(ModelsError("models:\n  -bad: {adapter: sim}\n") ==
        "models.yaml:2:3: models.-bad: bad model name (letters, digits and _ . : / -, starting "
        "with a letter or digit)");
  CHECK(ModelsError("models:\n  org/model:v1.2_x: {adapter: sim}\n") == "(no error)");
}

TEST_CASE("models-file values are range-checked") {
  auto with = [](const std::string& setting) {
    return ModelsError("models:\n  m:\n    adapter: x\n    " + setting + "\n");
  };
  CHECK(with("params: {temperature: 3}") ==
        "models.yaml:4:27: models.m.params.temperature: must be between 0 and 2, got 3");
  CHECK(with("params: {top_p: 0}") ==
        "models.yaml:4:21: models.m.params.top_p: must be greater than 0 and at most 1, got 0");
  CHECK(with("concurrency: 0") == "models.yaml:4:18: models.m.concurrency: must be between 1 and 10000, got 0");
  CHECK(with("rpm: -1") == "models.yaml:4:10: models.m.rpm: must be greater than 0");
  CHECK(with("timeout_s: fast") == "models.yaml:4:16: models.m.timeout_s: expected a number, got 'fast'");
  CHECK(with("max_attempts: 0") == "models.yaml:4:19: models.m.max_attempts: must be between 1 and 100, got 0");
  CHECK(with("price: {input_per_mtok: -1}") ==
        "models.yaml:4:29: models.m.price.input_per_mtok: must not be negative");
  CHECK(with("base_url: localhost:8080") ==
        "models.yaml:4:15: models.m.base_url: must start with http:// or https://");
  CHECK(with("model: ''") == "models.yaml:4:12: models.m.model: must not be empty");
  CHECK(with("base_url: http://127.0.0.1:8080/v1") == "(no error)");
}

TEST_CASE("the adapter:model shorthand needs no file") {
  ModelConfig sim = ParseModelShorthand("sim:teacher-a");
  CHECK(sim.adapter == "sim");
  CHECK(sim.model == "teacher-a");
  CHECK(sim.name == "teacher-a");
  ModelConfig ollama = ParseModelShorthand("ollama:llama3:8b");
  CHECK(ollama.adapter == "ollama");
  CHECK(ollama.model == "llama3:8b");
  CHECK(ollama.name == "llama3:8b");
  const std::string usage =
      "--model: expected adapter:model (e.g. sim:teacher-a or openai:gpt-4o-mini) or the name of "
      "an entry of --models FILE, got '";
  CHECK_THROWS_WITH(ParseModelShorthand("teacher-a"), usage + "teacher-a'");
  CHECK_THROWS_WITH(ParseModelShorthand(":x"), usage + ":x'");
  CHECK_THROWS_WITH(ParseModelShorthand("sim:"), usage + "sim:'");
}

TEST_CASE("SelectModels picks file entries by name and accepts shorthand") {
  std::vector<ModelConfig> file = LoadModelsFile(fs::path(KINSHIP_SOURCE_DIR) / "tests/data/models/zoo.yaml");
  CHECK(SelectModels(file, {}).size() == 7);
  auto picked = SelectModels(file, {"student-a", "sim:other", "teacher-a"});
  REQUIRE(picked.size() == 3);
  CHECK(picked[0].name == "student-a");
  CHECK(picked[0].options["recipe"]["teacher"] == "teacher-a");
  CHECK(picked[1].name == "other");
  CHECK(picked[1].adapter == "sim");
  CHECK(picked[2].name == "teacher-a");
  CHECK_THROWS_WITH(SelectModels(file, {"studnet-a"}),
                    "--model: unknown model 'studnet-a'; did you mean 'student-a'? "
                    "(models: 'kinship list models'; any backend: ADAPTER:MODEL)");
  CHECK_THROWS_WITH(SelectModels(file, {"control", "control"}),
                    "--model: model 'control' selected twice (names must be unique in a run)");
  CHECK_THROWS_WITH(SelectModels({}, {"x"}),
                    "--model: unknown model 'x' (models: 'kinship list models'; any backend: "
                    "ADAPTER:MODEL)");
}

TEST_CASE("SelectModels falls back to built-in models after the file and the shorthand") {
  ModelConfig builtin;
  builtin.name = "teacher-b";
  builtin.adapter = "sim";
  builtin.model = "teacher-b";
  auto picked = SelectModels({}, {"teacher-b"}, {builtin});
  REQUIRE(picked.size() == 1);
  CHECK(picked[0].adapter == "sim");
  CHECK_THROWS_WITH(SelectModels({}, {"teacher-c"}, {builtin}),
                    "--model: unknown model 'teacher-c'; did you mean 'teacher-b'? "
                    "(models: 'kinship list models'; any backend: ADAPTER:MODEL)");
}

}  // namespace
}  // namespace kinship
