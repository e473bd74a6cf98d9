// The README is the manual: every models-file example in it must load, build its adapters
// and pass `kinship validate`, as a user who copies it would run it (with their keys set).
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "harness/core/file_io.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

namespace {

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;

// The ```yaml blocks whose first line that is not a comment is `models:`.
std::vector<std::string> ModelsFileExamples(const std::string& readme) {
  std::vector<std::string> examples;
  const std::regex block("```yaml\n([\\s\\S]*?)```");
  for (std::sregex_iterator it(readme.begin(), readme.end(), block), end; it != end; ++it) {
    const std::string text = (*it)[1].str();
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (line.find_first_not_of(' ') == std::string::npos || line[line.find_first_not_of(' ')] == '#') continue;
      if (line.rfind("models:", 0) == 0) examples.push_back(text);
      break;
    }
  }
  return examples;
}

// Every value of `key:` in the example ("api_key_env: ACME_API_KEY" -> "ACME_API_KEY").
std::vector<std::string> ValuesOf(const std::string& example, const std::string& key) {
  std::vector<std::string> values;
  const std::regex pattern("\\b" + key + ":\\s*([^\\s#]+)");
  for (std::sregex_iterator it(example.begin(), example.end(), pattern), end; it != end; ++it) {
    values.push_back((*it)[1].str());
  }
  return values;
}

}  // namespace

TEST_CASE("Every models-file example in the README passes kinship validate", "[cli][readme]") {
  const std::string readme = kinship::ReadFileOrThrow(std::string(KINSHIP_SOURCE_DIR) + "/README.md");
  const std::vector<std::string> examples = ModelsFileExamples(readme);
  // One per backend section at least: openai (x2), azure-openai, anthropic, gemini, ollama,
  // command, replay, and the audit walk-through.
  REQUIRE(examples.size() >= 9);
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const std::string& example = examples[i];
    INFO("README models example #" << i + 1 << ":\n" << example);
    TempDir dir;
    std::ofstream(dir.path() / "models.yaml") << example;
    std::vector<std::string> env;
    for (const char* name : {"OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
                             "DEEPSEEK_API_KEY", "NVIDIA_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY",
                             "TOGETHER_API_KEY"}) {
      env.push_back(std::string(name) + "=readme-test-key");
    }
    for (const std::string& name : ValuesOf(example, "api_key_env")) env.push_back(name + "=readme-test-key");
    // A replay example names a recording: one row of the import format, by the model it
    // asks for, stands in for it.
    const std::vector<std::string> recorded = ValuesOf(example, "recorded_model");
    const std::string model = recorded.empty() ? "m" : recorded.front();
    for (const std::string& source : ValuesOf(example, "source")) {
      const std::filesystem::path path = dir.path() / source;
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path) << R"({"model":")" << model << R"(","prompt_id":"p1","prompt":"Hi","output":"Hello"})"
                          << "\n";
    }
    const auto result = RunProcess(Kinship({"validate", "--models", "models.yaml"}), dir.path().string(), env);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("ok  model ") != std::string::npos);
  }
}
