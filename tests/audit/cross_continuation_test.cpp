#include "harness/audit/cross_continuation.h"

#include <catch2/catch.hpp>

#include "harness/analysis/text_tokenizer.h"
#include "harness/config/suite_loader.h"
#include "harness/core/utf8.h"
#include "harness/run/run_reader.h"
#include "tests/analysis/test_run_data.h"
#include "tests/fakes/temp_dir.h"

namespace kinship {
namespace {

TEST_CASE("HalfwayPrefix keeps the first half of the words and cuts between them",
          "[cross_continuation]") {
  CHECK(HalfwayPrefix("one two three four five six") == "one two three");
  CHECK(HalfwayPrefix("one two three four five") == "one two");
  CHECK(HalfwayPrefix("Hello, world! How are you?") == "Hello, world");
  // The apostrophe inside a word keeps it whole.
  CHECK(HalfwayPrefix("don't stop me now please") == "don't stop");
  CHECK(HalfwayPrefix("  leading\n\nspace   here and   there  ") == "  leading\n\nspace");
  // Too short to cut.
  CHECK(HalfwayPrefix("three short words").empty());
  CHECK(HalfwayPrefix("").empty());
}

TEST_CASE("HalfwayPrefix cuts multi-byte text on character and word boundaries",
          "[cross_continuation]") {
  // Kazakh: six words of Cyrillic letters, two bytes each.
  const std::string kazakh = "Қазақстан астанасы Астана қаласы болып табылады";
  CHECK(HalfwayPrefix(kazakh) == "Қазақстан астанасы Астана");
  // Chinese: every character is a token, so the cut falls between characters.
  CHECK(HalfwayPrefix("我们今天去公园散步吧") == "我们今天去");
  // Mixed scripts with an emoji (a separator, four bytes).
  const std::string mixed = "Привет 🙂 мир, hello 世界 again";
  const std::string prefix = HalfwayPrefix(mixed);
  CHECK(IsValidUtf8(prefix));
  CHECK(prefix == "Привет 🙂 мир, hello");
  CHECK(TokenizeWords(prefix).size() == 3);
}

TEST_CASE("HalfwayPrefix respects the byte cap without splitting a character or a word",
          "[cross_continuation]") {
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "слово" + std::to_string(i) + " ";
  const std::string prefix = HalfwayPrefix(long_text, 101);
  CHECK(!prefix.empty());
  CHECK(prefix.size() <= 101);
  CHECK(IsValidUtf8(prefix));
  // Ends on a whole token: "слово<n>" is two tokens, word and number; the last one complete.
  const auto tokens = TokenizeWords(prefix);
  const auto all = TokenizeWords(long_text);
  REQUIRE(tokens.size() <= all.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) CHECK(tokens[i] == all[i]);
  CHECK(HalfwayPrefix(long_text).size() <= kMaxPrefixBytes);
  // A first word longer than the cap leaves nothing to show.
  CHECK(HalfwayPrefix(std::string(50, 'a') + " b c d e", 10).empty());
}

Prompt SourcePrompt(const std::string& suite, const std::string& id, const std::string& split) {
  Prompt prompt;
  prompt.suite = suite;
  prompt.id = id;
  prompt.split = split;
  prompt.tags = {"writing", "en"};
  prompt.messages = {{Role::kSystem, "Be brief."}, {Role::kUser, "Write about {{rivers}}."}};
  return prompt;
}

ResponseRecord Answer(const std::string& model, const std::string& prompt_id, int sample,
                      double temperature, const std::string& output, const std::string& suite = "chat") {
  ResponseRecord record = testing::OkRecord(model, prompt_id, sample, output, suite);
  record.temperature = temperature;
  return record;
}

RunData TwoModelRun() {
  RunData run;
  run.manifest = {{"models", {{{"name", "teacher"}}, {{"name", "student"}}}}};
  run.prompts = {SourcePrompt("chat", "w1", "test"), SourcePrompt("identity", "who", "test"),
                 SourcePrompt("chat", "w2", "dev"), SourcePrompt("chat", "w3", "test")};
  run.records = {
      Answer("teacher", "w1", 1, 1.0, "sampled teacher words that are not chosen here"),
      Answer("teacher", "w1", 0, 0.0, "alpha beta gamma delta epsilon zeta"),
      Answer("student", "w1", 2, 1.0, "second sample from the student model today"),
      Answer("student", "w1", 1, 1.0, "one two three four {{five}} six"),
      Answer("teacher", "who", 0, 0.0, "I am the teacher model of this run", "identity"),
      Answer("teacher", "w2", 0, 0.0, "too short"),
      Answer("student", "w2", 0, 0.0, "rivers run to the sea in time"),
      Answer("teacher", "w3", 0, 0.0, "the last source prompt has words"),
  };
  return run;
}

TEST_CASE("Cross-continuation cuts each model's greedy answer, for every model to continue",
          "[cross_continuation]") {
  const RunData run = TwoModelRun();
  const auto derived = DeriveCrossContinuation(run, {});
  REQUIRE(derived.size() == 4);
  // Source prompts in plan order, models in panel order; identity is not a source.
  CHECK(derived[0].id == "w1@teacher");
  CHECK(derived[1].id == "w1@student");
  CHECK(derived[2].id == "w2@student");  // the teacher's answer to w2 is too short to cut
  CHECK(derived[3].id == "w3@teacher");
  // The greedy answer is preferred; without one, the lowest sample.
  CHECK(derived[0].messages.back().content ==
        CrossContinuationText("Write about {{rivers}}.", "alpha beta gamma"));
  CHECK(derived[1].messages.back().content.find("Answer so far:\none two three") !=
        std::string::npos);
  for (const auto& prompt : derived) {
    CHECK(prompt.suite == "cross-continuation");
    REQUIRE(prompt.messages.size() == 1);
    CHECK(prompt.messages[0].role == Role::kUser);
    CHECK(prompt.sampling.temperature == 0.0);
    CHECK(prompt.samples == 1);
  }
  CHECK(derived[0].tags == std::vector<std::string>{"cross-continuation", "from:teacher", "writing", "en"});
  CHECK(derived[2].split == "dev");
  // Only the first N source prompts.
  CrossContinuationOptions first;
  first.max_source_prompts = 1;
  CHECK(DeriveCrossContinuation(run, first).size() == 2);
}

TEST_CASE("The derived suite file loads back with the same prompts, braces and all",
          "[cross_continuation]") {
  const RunData run = TwoModelRun();
  const auto derived = DeriveCrossContinuation(run, {});
  testing::TempDir dir;
  const auto yaml = dir.path() / "cross-continuation.yaml";
  WriteCrossContinuationSuite(yaml, derived, "results/run \"1\"");
  CHECK(std::filesystem::exists(dir.path() / "cross-continuation.jsonl"));
  const Suite suite = LoadSuite(yaml);
  CHECK(suite.name == "cross-continuation");
  CHECK(suite.description.find("results/run \"1\"") != std::string::npos);
  REQUIRE(suite.prompts.size() == derived.size());
  for (std::size_t i = 0; i < derived.size(); ++i) {
    CHECK(suite.prompts[i].id == derived[i].id);
    CHECK(suite.prompts[i].messages.back().content == derived[i].messages.back().content);
    CHECK(suite.prompts[i].tags == derived[i].tags);
    CHECK(suite.prompts[i].split == derived[i].split);
    CHECK(suite.prompts[i].sampling.temperature == 0.0);
    CHECK(suite.prompts[i].sampling.max_tokens == CrossContinuationSampling().max_tokens);
  }
}

TEST_CASE("CrossContinuationFrom keeps the prompts cut from one model's answers",
          "[cross_continuation]") {
  RunData run;
  run.manifest = {{"models", {{{"name", "teacher"}}, {{"name", "student"}}}}};
  run.prompts = DeriveCrossContinuation(TwoModelRun(), {});
  for (const auto& prompt : run.prompts) {
    for (const char* model : {"teacher", "student"}) {
      run.records.push_back(testing::OkRecord(model, prompt.id, 0, "continued", prompt.suite));
    }
  }
  const RunData from_teacher = CrossContinuationFrom(run, "teacher");
  REQUIRE(from_teacher.prompts.size() == 2);
  CHECK(from_teacher.prompts[0].id == "w1@teacher");
  CHECK(from_teacher.prompts[1].id == "w3@teacher");
  CHECK(from_teacher.records.size() == 4);  // both models' continuations of those two
  CHECK(from_teacher.ModelNames() == run.ModelNames());
  CHECK(CrossContinuationFrom(run, "nobody").prompts.empty());
}

TEST_CASE("The cost stand-ins are at least as long as any derived prompt", "[cross_continuation]") {
  const RunData run = TwoModelRun();
  const auto bound = CrossContinuationBound({run.prompts[0], run.prompts[3]}, {"teacher", "student"});
  REQUIRE(bound.size() == 4);
  CHECK(bound[1].id == "w1@student");
  for (const auto& prompt : DeriveCrossContinuation(run, {})) {
    CHECK(prompt.messages.back().content.size() <= bound[0].messages.back().content.size());
  }
}

}  // namespace
}  // namespace kinship
