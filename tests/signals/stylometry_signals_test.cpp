#include "harness/signals/stylometry_signals.h"

#include <cmath>
#include <random>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

// Model 0 writes in markdown bullets like model 1; model 2 writes plain prose.
SignalPanel StylePanel() {
  std::vector<std::vector<std::vector<std::string>>> answers(3);
  for (int p = 0; p < 20; ++p) {
    const std::string t = "item" + std::to_string(p);
    answers[0].push_back({"## Overview\n- **" + t + "** matters\n- see below!"});
    answers[1].push_back({"## Summary\n- **" + t + "** is key\n- more below!"});
    answers[2].push_back({"Well, " + t + " is something one might consider, perhaps."});
  }
  return testing::MakePanel(answers);
}

TEST_CASE("LOO attribution assigns the student to the teacher it resembles") {
  SignalPanel panel = StylePanel();
  SignalRoles roles;
  roles.suspects = {0};
  roles.candidates = {1};
  roles.controls = {2};
  auto prepared = StylometricLooSignal().Prepare(panel, &roles);
  const auto to_teacher = prepared->PerPrompt(0, 1);
  const auto to_control = prepared->PerPrompt(0, 2);
  double teacher = 0;
  double control = 0;
  for (std::size_t p = 0; p < to_teacher.size(); ++p) {
    teacher += to_teacher[p];
    control += to_control[p];
  }
  CHECK(teacher > control);
  CHECK(std::isnan(prepared->PerPrompt(0, 0)[0]));  // a held-out model is never a class
}

TEST_CASE("separability: AUC high for different styles, confusion higher for alike ones") {
  SignalPanel panel = StylePanel();
  auto prepared = StylometricSeparabilitySignal().Prepare(panel, nullptr);
  const nlohmann::json evidence = prepared->Evidence(0, 2);
  CHECK(evidence["auc"].get<double>() > 0.9);
  const auto alike = prepared->PerPrompt(0, 1);
  const auto apart = prepared->PerPrompt(0, 2);
  double sum_alike = 0;
  double sum_apart = 0;
  for (std::size_t p = 0; p < alike.size(); ++p) {
    sum_alike += alike[p];
    sum_apart += apart[p];
  }
  CHECK(sum_alike > sum_apart);
}

TEST_CASE("separability's split-half AUC splits the draws, not greedy against sampled") {
  // Sample 0 of every prompt is greedy and written in markdown; samples 1 and 2 are draws of
  // one plain-prose style. Halves that put the greedy answer on one side would be told
  // apart by format alone (AUC about 0.75); split among the draws they cannot be.
  const std::vector<std::string> words = {"river", "garden", "engine", "letter", "window",
                                          "market", "winter", "bridge", "lesson", "planet"};
  std::mt19937 rng(7);  // the draws' words at random: the two draws are exchangeable
  auto word = [&] { return words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng)]; };
  std::vector<std::vector<std::vector<std::string>>> answers(2);
  for (int p = 0; p < 40; ++p) {
    for (int m = 0; m < 2; ++m) {
      std::vector<std::string> samples = {"## Notes\n- **" + words[p % 10] + "** first\n- then more!"};
      for (int draw = 0; draw < 2; ++draw) {
        samples.push_back("The " + word() + " and the " + word() + " were quiet that day, as usual.");
      }
      answers[m].push_back(samples);
    }
  }
  SignalPanel panel = testing::MakePanel(answers);
  REQUIRE(panel.SampledDraws(0, 0) == std::vector<std::size_t>{1, 2});
  auto prepared = StylometricSeparabilitySignal().Prepare(panel, nullptr);
  const double split_half = prepared->Evidence(0, 1)["split_half_auc_a"].get<double>();
  CHECK(split_half < 0.65);
  CHECK(split_half > 0.35);
}

}  // namespace
}  // namespace kinship
