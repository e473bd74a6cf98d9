#include "harness/signals/capa_signal.h"

#include <cmath>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/signals/agreement_signal.h"
#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

TEST_CASE("capa: both right or the same wrong answer agree; kappa in evidence") {
  std::vector<SignalPrompt> prompts(4);
  prompts[0].reference = "A";
  prompts[1].reference = "B";
  prompts[2].reference = "12";
  // prompt 3 has no reference
  SignalPanel panel = testing::MakePanel({
      {{"A"}, {"Answer: C"}, {"It is 13"}, {"x"}},
      {{"(A)"}, {"C"}, {"14"}, {"x"}},
  }, prompts);
  auto prepared = CapaSignal().Prepare(panel, nullptr);
  const auto v = prepared->PerPrompt(0, 1);
  CHECK(v[0] == 1.0);  // both right
  CHECK(v[1] == 1.0);  // the same wrong option
  CHECK(v[2] == 0.0);  // different wrong numbers
  CHECK(std::isnan(v[3]));
  const nlohmann::json evidence = prepared->Evidence(0, 1);
  // acc = 1/3 each; c_obs = 2/3; c_exp = 1/9 + (4/9)/3 (two option items) + 1/9 (number), /3.
  const double expected = ((1.0 / 9 + 4.0 / 27) * 2 + 1.0 / 9) / 3;
  CHECK(evidence["kappa"].get<double>() == Approx((2.0 / 3 - expected) / (1 - expected)));
  CHECK(evidence["shared_wrong_answers"] == 1);
}

TEST_CASE("greedy agreement uses the temperature-0 answer; McNemar on discordant prompts") {
  SignalPanel panel = testing::MakePanel({{{"Hello  World.", "zzz"}, {"One. Two"}},
                                          {{"hello world", "yyy"}, {"one! three"}}});
  const auto v = AgreementSignal().Prepare(panel, nullptr)->PerPrompt(0, 1);
  CHECK(v[0] == 1.0);
  CHECK(v[1] == 1.0);  // same first sentence
  const McNemarResult m = McNemar({1, 1, 1, 1, 1, 0}, {0, 0, 0, 0, 0, 0});
  CHECK(m.only_x == 5);
  CHECK(m.only_y == 0);
  CHECK(m.p_greater == Approx(1.0 / 32));
  CHECK(m.p_two_sided == Approx(2.0 / 32));
}

TEST_CASE("signals say why they are unavailable") {
  SignalPanel panel = testing::MakePanel({{{"a"}}, {{"b"}}}, {}, false);
  CHECK(CapaSignal().Unavailable(panel)->find("answer-keyed") != std::string::npos);
  CHECK(AgreementSignal().Unavailable(panel)->find("greedy") != std::string::npos);
}

}  // namespace
}  // namespace kinship
