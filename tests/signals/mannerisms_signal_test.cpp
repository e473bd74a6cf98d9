#include "harness/signals/mannerisms_signal.h"

#include <cmath>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/signals/cross_fit.h"
#include "harness/signals/log_odds.h"
#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

TEST_CASE("informative log-odds matches a hand computation") {
  // y_i = 10 of n_i = 100, y_j = 5 of n_j = 200, a_w = 1, a_0 = 50.
  const LogOdds odds = InformativeLogOdds(10, 100, 5, 200, 1, 50);
  const double delta = std::log(11.0 / 139.0) - std::log(6.0 / 244.0);
  CHECK(odds.delta == Approx(delta));
  CHECK(odds.variance == Approx(1.0 / 11 + 1.0 / 6));
  CHECK(odds.z == Approx(delta / std::sqrt(1.0 / 11 + 1.0 / 6)));
}

TEST_CASE("folds are balanced and independent of prompt order") {
  const std::vector<std::string> keys = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  const std::vector<int> folds = PromptFolds(keys, 5);
  std::vector<int> sizes(5, 0);
  for (int f : folds) ++sizes[static_cast<std::size_t>(f)];
  for (int size : sizes) CHECK(size == 2);
  std::vector<std::string> reversed(keys.rbegin(), keys.rend());
  const std::vector<int> again = PromptFolds(reversed, 5);
  for (std::size_t i = 0; i < keys.size(); ++i) CHECK(again[keys.size() - 1 - i] == folds[i]);
}

// 10 prompts; model 1 (the "teacher") says "certainly here is" everywhere; model 0 copies it;
// model 2 (a control) never does. On prompt 0 only, model 1 and model 0 also share a phrase
// "zebra quartz" repeated many times: distinctive of model 1 only through prompt 0.
SignalPanel MannerismPanel() {
  std::vector<std::vector<std::vector<std::string>>> answers(3);
  for (int p = 0; p < 10; ++p) {
    const std::string topic = "topic" + std::to_string(p);
    std::string teacher = "certainly here is " + topic + " plain words";
    std::string student = "certainly here is " + topic + " other words";
    if (p == 0) {
      teacher += " zebra quartz zebra quartz zebra quartz zebra quartz zebra quartz zebra quartz";
      student = "zebra quartz";
    }
    answers[0].push_back({student});
    answers[1].push_back({teacher});
    answers[2].push_back({"well " + topic + " plain words"});
  }
  return testing::MakePanel(answers);
}

TEST_CASE("mannerisms: a's n-grams among b's distinctive phrases, with readable evidence") {
  SignalPanel panel = MannerismPanel();
  SignalRoles roles;
  roles.suspects = {0};
  roles.candidates = {1};
  roles.controls = {2};
  MannerismOptions options;
  options.min_count = 3;
  auto prepared = MannerismsSignal(options).Prepare(panel, &roles);
  const auto to_teacher = prepared->PerPrompt(0, 1);
  const auto control_to_teacher = prepared->PerPrompt(2, 1);
  CHECK(to_teacher[3] > 0.3);
  CHECK(control_to_teacher[3] == Approx(0.0));
  const nlohmann::json evidence = prepared->Evidence(1, 1);
  bool found = false;
  for (const auto& row : evidence["shared_phrases"]) found |= row["phrase"] == "certainly here is";
  CHECK(found);
}

TEST_CASE("mannerisms are cross-fitted: a prompt's own phrases never score it") {
  SignalPanel panel = MannerismPanel();
  SignalRoles roles;
  roles.controls = {2};
  MannerismOptions options;
  options.min_count = 3;
  auto prepared = MannerismsSignal(options).Prepare(panel, &roles);
  // "zebra quartz" occurs only on prompt 0, so without cross-fitting the student's answer
  // there ("zebra quartz") would be entirely made of the teacher's distinctive phrases.
  CHECK(prepared->PerPrompt(0, 1)[0] == Approx(0.0));
  // The full-data fit (evidence) does see it.
  const nlohmann::json evidence = prepared->Evidence(1, 1);
  bool found = false;
  for (const auto& row : evidence["shared_phrases"]) {
    found |= row["phrase"] == "zebra quartz";
  }
  CHECK(found);
}

}  // namespace
}  // namespace kinship
