#include "harness/stats/relative_similarity_test.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "harness/stats/rng.h"

using namespace kinship;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Normal(Rng& rng) {
  const double u1 = 1.0 - rng.Uniform();
  const double u2 = rng.Uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// A synthetic panel on one signal. Every similarity of a prompt shares a prompt effect
// (some prompts make everyone alike), plus independent noise:
//   sim(C_j, *) and sim(S, C_j)  ~ base
//   sim(T, T')                   ~ ceiling
//   sim(S, T)                    ~ base + rho_true * (ceiling - base)
//   sim(C_j, T)                  ~ hub_level (base for an ordinary teacher)
struct Panel {
  int prompts = 200;
  int controls = 5;
  double base = 0.3;
  double ceiling = 0.7;
  double rho_true = 0.5;
  double hub_level = 0.3;
  double noise = 0.05;
  double prompt_effect = 0.05;
  std::uint64_t seed = 1;
};

RelativeTestInput Make(const Panel& panel) {
  Rng rng(panel.seed);
  RelativeTestInput input;
  input.s_c.assign(panel.controls, {});
  input.c_t.assign(panel.controls, {});
  const double student = panel.base + panel.rho_true * (panel.ceiling - panel.base);
  for (int p = 0; p < panel.prompts; ++p) {
    const double u = panel.prompt_effect * Normal(rng);
    input.s_t.push_back(student + u + panel.noise * Normal(rng));
    input.t_self.push_back(panel.ceiling + u + panel.noise * Normal(rng));
    for (int j = 0; j < panel.controls; ++j) {
      input.s_c[j].push_back(panel.base + u + panel.noise * Normal(rng));
      input.c_t[j].push_back(panel.hub_level + u + panel.noise * Normal(rng));
    }
  }
  return input;
}

RelativeTestOptions Fast() {
  RelativeTestOptions options;
  options.permutation_iterations = 4999;
  options.bootstrap_resamples = 2000;
  options.seed = 77;
  return options;
}

}  // namespace

TEST_CASE("A clear student beats every control with rho near the planted value",
          "[relative]") {
  const auto r = RunRelativeTest(Make(Panel{}), Fast());
  REQUIRE_FALSE(r.insufficient);
  CHECK(r.n_prompts == 200);
  CHECK(r.p_value == Approx(1.0 / 5000));  // the Monte-Carlo floor
  CHECK(r.controls_beaten == 5);
  REQUIRE(r.controls.size() == 5);
  for (const auto& c : r.controls) {
    CHECK(c.beaten);
    CHECK(c.delta_s == Approx(0.2).margin(0.02));
    CHECK(c.delta_t == Approx(0.2).margin(0.02));
    CHECK(c.n_s_centric == 200);
  }
  CHECK(r.rho_anchor == RhoAnchor::kTSelf);
  CHECK(r.anchor == Approx(0.7).margin(0.02));
  CHECK(r.rho == Approx(0.5).margin(0.05));
  CHECK(r.rho_ci[0] < 0.5);
  CHECK(r.rho_ci[1] > 0.5);
  CHECK(r.rho_ci[1] - r.rho_ci[0] < 0.15);
  // effect = margin over the closest control: a little under 0.2.
  CHECK(r.effect == Approx(0.2).margin(0.03));
  CHECK(r.effect_ci[0] < r.effect);
  CHECK(r.effect_ci[1] > r.effect);
  CHECK(r.effect_ci[0] > 0.1);
  CHECK_FALSE(r.exact);
}

TEST_CASE("An independent model is not called", "[relative]") {
  Panel panel;
  panel.rho_true = 0;
  panel.seed = 2;
  const auto r = RunRelativeTest(Make(panel), Fast());
  REQUIRE_FALSE(r.insufficient);
  CHECK(r.p_value > 0.05);
  CHECK(r.controls_beaten == 0);
  CHECK(r.rho == Approx(0.0).margin(0.06));
  CHECK(r.rho_ci[0] < 0.0);
  // The margin over the closest control is about zero (the max of 5 noisy means is
  // biased upwards, so slightly negative on average) and its interval covers 0.
  CHECK(r.effect == Approx(0.0).margin(0.02));
  CHECK(r.effect_ci[0] < 0.0);
  CHECK(r.effect_ci[1] > 0.0);
}

TEST_CASE("A hub teacher does not make an unrelated suspect look like its student",
          "[relative]") {
  // Everyone resembles T: the controls are as close to T (0.5) as S is. S-centric tests
  // pass (S is closer to T than to the controls), the T-centric ones must not.
  Panel panel;
  panel.rho_true = 0.5;     // sim(S,T) = 0.5
  panel.hub_level = 0.5;    // sim(C_j,T) = 0.5 too
  panel.seed = 3;
  const auto r = RunRelativeTest(Make(panel), Fast());
  REQUIRE_FALSE(r.insufficient);
  for (const auto& c : r.controls) {
    CHECK(c.p_s_centric < 0.001);
    CHECK(c.delta_t == Approx(0.0).margin(0.02));
  }
  CHECK(r.p_value > 0.05);
  CHECK(r.controls_beaten == 0);
}

TEST_CASE("Fewer prompts than the minimum is insufficient, never a verdict", "[relative]") {
  Panel panel;
  panel.prompts = 15;
  const auto r = RunRelativeTest(Make(panel), Fast());
  CHECK(r.insufficient);
  CHECK(r.insufficient_reason.find("15") != std::string::npos);
  CHECK(std::isnan(r.p_value));
  CHECK(r.controls_beaten == 0);
  CHECK(std::isnan(r.rho_ci[0]));
  CHECK(std::isnan(r.controls[0].p_holm));
  CHECK(r.n_prompts == 15);
  CHECK(std::isfinite(r.rho));  // descriptive point estimate only
}

TEST_CASE("A control with too few complete pairs makes the query insufficient",
          "[relative]") {
  RelativeTestInput input = Make(Panel{});
  for (int p = 0; p < 190; ++p) input.c_t[2][p] = kNaN;
  const auto r = RunRelativeTest(input, Fast());
  CHECK(r.insufficient);
  CHECK(r.controls[2].n_t_centric == 10);
  CHECK(r.insufficient_reason.find("10 complete prompt pairs") != std::string::npos);
}

TEST_CASE("No controls means insufficient: provenance is relative", "[relative]") {
  RelativeTestInput input;
  input.s_t.assign(50, 0.9);
  const auto r = RunRelativeTest(input, Fast());
  CHECK(r.insufficient);
  CHECK(r.insufficient_reason.find("control") != std::string::npos);
}

TEST_CASE("Missing prompts are dropped pairwise", "[relative]") {
  RelativeTestInput input = Make(Panel{});
  input.s_t[0] = kNaN;
  input.s_c[1][5] = kNaN;
  input.c_t[1][6] = kNaN;
  input.c_t[1][7] = kNaN;
  input.t_self[9] = kNaN;
  const auto r = RunRelativeTest(input, Fast());
  REQUIRE_FALSE(r.insufficient);
  CHECK(r.n_prompts == 199);
  CHECK(r.controls[1].n_s_centric == 198);
  CHECK(r.controls[1].n_t_centric == 197);
  CHECK(r.controls[0].n_s_centric == 199);
  CHECK(r.controls_beaten == 5);
  CHECK(std::isfinite(r.rho_ci[0]));
}

TEST_CASE("Distances give the same answer as the matching similarities", "[relative]") {
  const RelativeTestInput similarity = Make(Panel{});
  RelativeTestInput distance = similarity;
  auto flip = [](std::vector<double>& v) {
    for (double& x : v) x = 1 - x;
  };
  flip(distance.s_t);
  flip(distance.t_self);
  for (auto& v : distance.s_c) flip(v);
  for (auto& v : distance.c_t) flip(v);
  distance.higher_is_more_similar = false;
  const auto a = RunRelativeTest(similarity, Fast());
  const auto b = RunRelativeTest(distance, Fast());
  CHECK(b.p_value == a.p_value);
  CHECK(b.controls_beaten == a.controls_beaten);
  CHECK(b.rho == Approx(a.rho).epsilon(1e-9));
  CHECK(b.effect == Approx(a.effect).epsilon(1e-9));
  CHECK(b.controls[0].delta_s == Approx(a.controls[0].delta_s).epsilon(1e-9));
  CHECK(b.anchor == Approx(1 - a.anchor).epsilon(1e-9));  // reported in the input's units
  CHECK(b.mean_s_t == Approx(1 - a.mean_s_t).epsilon(1e-9));
}

TEST_CASE("Without t_self rho uses the documented ceiling or is not given", "[relative]") {
  RelativeTestInput input = Make(Panel{});
  input.t_self.clear();
  RelativeTestOptions options = Fast();
  const auto none = RunRelativeTest(input, options);
  CHECK(none.rho_anchor == RhoAnchor::kNone);
  CHECK(std::isnan(none.rho));
  CHECK(std::isnan(none.rho_ci[0]));
  CHECK(none.controls_beaten == 5);  // the tests do not need the anchor
  options.rho_ceiling = 1.0;
  const auto ceiling = RunRelativeTest(input, options);
  CHECK(ceiling.rho_anchor == RhoAnchor::kCeiling);
  // (0.5 - 0.3) / (1 - 0.3) = 0.2857: a lower bound on the position.
  CHECK(ceiling.rho == Approx(0.2857).margin(0.03));
}

TEST_CASE("Hand-computed small case: deltas, exact p-values, Holm, effect and rho",
          "[relative]") {
  // 3 prompts, 2 controls, min_prompts lowered to 3 so the exact path is used.
  RelativeTestInput input;
  input.s_t = {0.9, 0.8, 0.7};
  input.s_c = {{0.5, 0.6, 0.4}, {0.6, 0.9, 0.8}};
  input.c_t = {{0.4, 0.5, 0.6}, {0.5, 0.5, 0.5}};
  input.t_self = {1.0, 1.0, 1.0};
  RelativeTestOptions options = Fast();
  options.min_prompts = 3;
  options.bootstrap_resamples = 0;
  const auto r = RunRelativeTest(input, options);
  REQUIRE_FALSE(r.insufficient);
  CHECK(r.exact);
  // Control 0: S-centric diffs {0.4, 0.2, 0.3}, all positive: p = 1/8. T-centric
  // {0.5, 0.3, 0.1}: p = 1/8. p_control = 1/8.
  CHECK(r.controls[0].delta_s == Approx(0.3));
  CHECK(r.controls[0].p_s_centric == Approx(0.125));
  CHECK(r.controls[0].p_t_centric == Approx(0.125));
  // Control 1: S-centric diffs {0.3, -0.1, -0.1}; observed sum 0.1. Patterns reaching it:
  // (+,-,-) 0.1, (+,+,-) 0.3, (+,-,+) 0.3, (+,+,+) 0.5 -> 4/8.
  CHECK(r.controls[1].delta_s == Approx(0.1 / 3));
  CHECK(r.controls[1].p_s_centric == Approx(0.5));
  CHECK(r.controls[1].p_control == Approx(0.5));
  // Holm over {0.125, 0.5}: 0.25, then max(0.25, 0.5) = 0.5.
  CHECK(r.controls[0].p_holm == Approx(0.25));
  CHECK(r.controls[1].p_holm == Approx(0.5));
  CHECK(r.p_value == Approx(0.5));
  CHECK(r.controls_beaten == 0);
  // Means: s_t 0.8, s_c 0.5 and 0.7667; effect = 0.8 - 0.7667; mean_j = 0.6333;
  // rho = (0.8 - 0.6333) / (1 - 0.6333) = 0.4545.
  CHECK(r.effect == Approx(0.8 - 2.3 / 3));
  CHECK(r.rho == Approx((0.8 - 0.95 / 1.5) / (1 - 0.95 / 1.5)));
  CHECK(std::isnan(r.rho_ci[0]));  // bootstrap switched off
}

TEST_CASE("Results are reproducible and a control's p-value does not depend on the others",
          "[relative]") {
  Panel panel;
  panel.rho_true = 0.05;  // weak signal so p-values are not all at the floor
  panel.seed = 9;
  const RelativeTestInput input = Make(panel);
  const auto a = RunRelativeTest(input, Fast());
  const auto b = RunRelativeTest(input, Fast());
  CHECK(a.p_value == b.p_value);
  CHECK(a.rho_ci == b.rho_ci);
  RelativeTestInput fewer = input;
  fewer.s_c.pop_back();
  fewer.c_t.pop_back();
  const auto c = RunRelativeTest(fewer, Fast());
  CHECK(c.controls[0].p_s_centric == a.controls[0].p_s_centric);
  CHECK(c.controls[3].p_t_centric == a.controls[3].p_t_centric);
}

TEST_CASE("Inconsistent vector lengths are rejected", "[relative]") {
  RelativeTestInput input = Make(Panel{});
  input.s_c[0].pop_back();
  CHECK_THROWS_AS(RunRelativeTest(input, Fast()), std::invalid_argument);
  RelativeTestInput unpaired = Make(Panel{});
  unpaired.c_t.pop_back();
  CHECK_THROWS_AS(RunRelativeTest(unpaired, Fast()), std::invalid_argument);
}

TEST_CASE("A signal that never differs between T and a control carries no information",
          "[relative]") {
  // Greedy answers that agree with nobody: every similarity is 0, every difference is 0.
  RelativeTestInput input;
  input.s_t.assign(50, 0.0);
  input.s_c = {std::vector<double>(50, 0.0), std::vector<double>(50, 0.0)};
  input.c_t = {std::vector<double>(50, 0.0), std::vector<double>(50, 0.0)};
  const auto r = RunRelativeTest(input, Fast());
  CHECK(r.insufficient);
  CHECK(r.insufficient_reason.find("no information") != std::string::npos);
  // One informative prompt is enough to test (the p-value is then merely large).
  input.s_t[7] = 1.0;
  CHECK_FALSE(RunRelativeTest(input, Fast()).insufficient);
}
