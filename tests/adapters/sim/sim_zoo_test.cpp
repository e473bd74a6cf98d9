#include "adapters/sim/sim_zoo.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "adapters/sim/distill_prompts.h"
#include "adapters/sim/sim_model.h"

namespace kinship {
namespace {

// Held out: none of these is a distillation prompt (checked below).
const std::vector<std::string> kTestPrompts = {
    "How can I cook a quick dinner after work?",
    "What is the best way to pack for a beach holiday?",
    "How do I learn to program in Python?",
    "How can I improve my sleep schedule?",
    "How should I save money for a car?",
    "What was the significance of the Roman roads?",
    "How does photosynthesis work in plants?",
    "How can I become a better writer?",
    "What are effective ways to memorise vocabulary?",
    "How do I stay productive in an open office?",
    "How do I resolve a conflict with my sister?",
    "What can I do to protect the oceans?",
    "How do I make soup from leftover vegetables?",
    "How do I plan a road trip across the country?",
    "What does a function return in programming?",
    "What are the benefits of walking every day?",
    "How do I avoid getting into credit card debt?",
    "Why did empires build walls?",
    "What are atoms made of?",
    "How do I start writing a novel?",
    "How do I help my kids learn at home?",
    "How do I prepare for my first day at a new job?",
    "How can I be a better listener to my partner?",
    "How can my town reduce air pollution?",
    "What is a healthy dinner for a family?",
    "What should I see on a trip to the mountains?",
    "How do I fix a slow website?",
    "How do I reduce back pain from sitting?",
    "How do I invest a small amount of money?",
    "What did people eat in ancient times?",
    "How do stars form?",
    "How can I write better emails to clients?",
    "How do I study mathematics effectively?",
    "How do I manage a small team?",
    "How can I make friends as an adult?",
    "How can I reduce my household energy bill?",
    "How do I bake cookies that stay soft?",
    "How do I stay safe on a hiking trip?",
    "What is a good way to test software?",
    "How do I cope with anxiety before exams?",
};

std::set<std::string> WordBigrams(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '\'') {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  std::set<std::string> bigrams;
  for (std::size_t i = 1; i < words.size(); ++i) bigrams.insert(words[i - 1] + " " + words[i]);
  return bigrams;
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

TEST_CASE("The zoo offers the contracted models and at least five voices", "[sim_zoo]") {
  auto names = SimZooNames();
  std::vector<std::string> expected = {"teacher-a", "teacher-b", "student-a", "student-b",
                                       "control",   "partial-a", "base-a"};
  CHECK(names == expected);
  for (const auto& entry : SimZooCatalog()) CHECK_FALSE(entry.description.empty());
  CHECK(SimVoiceNames().size() >= 5);
  CHECK(SimDistillationPromptCount() >= 150);
  CHECK(SimZooModel("no-such-model") == nullptr);
  CHECK(SimZooModel("teacher-a") == SimZooModel("teacher-a"));  // built once, shared
  // base-a is student-a's voice without the teacher: the same family, no teacher data.
  const auto& catalog = SimZooCatalog();
  CHECK(catalog[6].recipe.corpus == catalog[2].recipe.corpus);
  CHECK(catalog[6].recipe.teacher.empty());
}

TEST_CASE("Test prompts are held out from the distillation prompts", "[sim_zoo]") {
  for (auto prompt : DistillationPrompts()) {
    CHECK(std::find(kTestPrompts.begin(), kTestPrompts.end(), std::string(prompt)) ==
          kTestPrompts.end());
  }
}

TEST_CASE("Voices are clearly different in their habits", "[sim_zoo]") {
  SimSampling greedy;
  auto cheerful = SimZooModel("teacher-a")->Answer("How do I cook rice?", greedy);
  auto scholar = SimZooModel("teacher-b")->Answer("How do I cook rice?", greedy);
  auto control = SimZooModel("control")->Answer("How do I cook rice?", greedy);
  CHECK(cheerful.find("**") != std::string::npos);
  CHECK(scholar.find("**") == std::string::npos);
  CHECK(control.find("1.") != std::string::npos);
}

TEST_CASE("Students are nearest their own teacher on held-out prompts", "[sim_zoo]") {
  const std::vector<std::string> models = {"teacher-a", "teacher-b", "student-a",
                                           "student-b", "control",   "partial-a"};
  std::map<std::string, std::vector<std::set<std::string>>> answers;
  for (const auto& name : models) {
    auto model = SimZooModel(name);
    REQUIRE(model != nullptr);
    for (std::size_t i = 0; i < kTestPrompts.size(); ++i) {
      SimSampling sampling;
      sampling.temperature = 0.7;
      sampling.top_p = 0.95;
      sampling.max_tokens = 300;
      sampling.seed = 1000 + i * 7919 + name.size();
      answers[name].push_back(WordBigrams(model->Answer(kTestPrompts[i], sampling)));
    }
  }
  std::map<std::pair<std::string, std::string>, double> sim;
  for (const auto& a : models) {
    for (const auto& b : models) {
      double total = 0;
      for (std::size_t i = 0; i < kTestPrompts.size(); ++i) {
        total += Jaccard(answers[a][i], answers[b][i]);
      }
      sim[{a, b}] = total / static_cast<double>(kTestPrompts.size());
    }
  }
  std::string table = "mean word-bigram Jaccard over " + std::to_string(kTestPrompts.size()) +
                      " held-out prompts (T=0.7)\n           ";
  for (const auto& b : models) table += std::string(11 - std::min<std::size_t>(b.size(), 10), ' ') + b;
  for (const auto& a : models) {
    char cell[32];
    table += "\n" + a + std::string(11 - a.size(), ' ');
    for (const auto& b : models) {
      std::snprintf(cell, sizeof cell, "%11.3f", sim[{a, b}]);
      table += cell;
    }
  }
  std::printf("%s\n", table.c_str());

  auto nearest_teacher = [&](const std::string& m) {
    return sim[{m, "teacher-a"}] > sim[{m, "teacher-b"}] ? "teacher-a" : "teacher-b";
  };
  CHECK(std::string(nearest_teacher("student-a")) == "teacher-a");
  CHECK(std::string(nearest_teacher("student-b")) == "teacher-b");
  // Each teacher's nearest other model is its student, well ahead of the control.
  for (const auto& [teacher, student] :
       std::vector<std::pair<std::string, std::string>>{{"teacher-a", "student-a"},
                                                        {"teacher-b", "student-b"}}) {
    for (const auto& other : models) {
      if (other == teacher || other == student || other == "partial-a") continue;
      CHECK(sim[{teacher, student}] > sim[{teacher, other}]);
    }
    CHECK(sim[{teacher, student}] > 2.0 * sim[{teacher, "control"}]);
  }
  CHECK(sim[{"partial-a", "teacher-a"}] > sim[{"control", "teacher-a"}]);
  CHECK(sim[{"student-a", "teacher-a"}] > sim[{"partial-a", "teacher-a"}]);
}

}  // namespace
}  // namespace kinship
