#include "harness/signals/mmd_signal.h"

#include <cmath>

#include <catch2/catch.hpp>

#include "harness/signals/cross_likelihood_signal.h"
#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

TEST_CASE("MMD is about zero for identical sample sets and negative for different ones") {
  SignalPanel panel = testing::MakePanel({
      {{"the cat sat on the mat", "a dog ran in the park"}},
      {{"the cat sat on the mat", "a dog ran in the park"}},
      {{"quantum fields are fun today", "stocks fell sharply this week"}},
  }, {}, /*greedy=*/false);
  for (MmdKernel kernel : {MmdKernel::kHamming, MmdKernel::kSpectrum}) {
    auto prepared = MmdSignal(kernel).Prepare(panel, nullptr);
    const double same = prepared->PerPrompt(0, 1)[0];
    const double different = prepared->PerPrompt(0, 2)[0];
    CHECK(same > different);
  }
  // Hand computation, Hamming: the two samples of set 0 share position 5 ("the"), so
  // k(x0, x1) = 1/6. Same sets: 1/6 + 1/6 - 2 * (1 + 1 + 1/6 + 1/6) / 4 = -5/6.
  // Against set 2 (nothing shared): 1/6 + 0 - 0 = 1/6.
  auto hamming = MmdSignal(MmdKernel::kHamming).Prepare(panel, nullptr);
  CHECK(hamming->PerPrompt(0, 1)[0] == Approx(5.0 / 6.0));
  CHECK(hamming->PerPrompt(0, 2)[0] == Approx(-1.0 / 6.0));
  SignalPanel single = testing::MakePanel({{{"a"}}, {{"a"}}});
  CHECK(MmdSignal(MmdKernel::kHamming).Unavailable(single).has_value());
}

TEST_CASE("MMD leaves out a greedy answer that sits beside sampled ones") {
  // Sample 0 is greedy (the audit protocol), samples 1 and 2 are draws at temperature 1.
  SignalPanel mixed = testing::MakePanel({
      {{"greedy words from model zero", "the cat sat on the mat", "a dog ran in the park"}},
      {{"something else entirely here", "the cat sat on the mat", "a dog ran in the park"}},
  });
  for (std::size_t m = 0; m < 2; ++m) {
    mixed.meta[m][0].temperature = 0;
    mixed.meta[m][1].temperature = 1;
    mixed.meta[m][2].temperature = 1;
  }
  SignalPanel draws_only = testing::MakePanel({
      {{"the cat sat on the mat", "a dog ran in the park"}},
      {{"the cat sat on the mat", "a dog ran in the park"}},
  }, {}, /*greedy=*/false);
  CHECK(mixed.SampledDraws(0, 0) == std::vector<std::size_t>{1, 2});
  for (MmdKernel kernel : {MmdKernel::kHamming, MmdKernel::kSpectrum}) {
    CHECK(MmdSignal(kernel).Prepare(mixed, nullptr)->PerPrompt(0, 1)[0] ==
          Approx(MmdSignal(kernel).Prepare(draws_only, nullptr)->PerPrompt(0, 1)[0]));
  }
  // All greedy (or all unknown): every sample counts, as before.
  SignalPanel greedy = testing::MakePanel({{{"a b", "c d"}}, {{"a b", "c d"}}});
  greedy.meta[0][1].temperature = 0;
  greedy.meta[1][0].temperature = -1;
  greedy.meta[1][1].temperature = -1;
  CHECK(greedy.SampledDraws(0, 0).size() == 2);
  CHECK(greedy.SampledDraws(1, 0).size() == 2);
}

TokenLogprob Tok(std::string token, double logprob, std::vector<std::pair<std::string, double>> top = {}) {
  TokenLogprob t;
  t.token = std::move(token);
  t.logprob = logprob;
  t.top = std::move(top);
  return t;
}

TEST_CASE("cross-likelihood scores a's tokens under b's recorded distributions") {
  const std::vector<TokenLogprob> a = {Tok("Hello", -0.1), Tok(" there", -0.5), Tok("!", -0.2)};
  const std::vector<TokenLogprob> b = {Tok("Hello", -0.3), Tok(" world", -0.7, {{" world", -0.7}, {" there", -1.2}}),
                                       Tok(".", -0.1)};
  // Position 0 shared (b's own -0.3); position 1 differs: b listed " there" at -1.2; stop.
  CHECK(PrefixCrossLogprob(a, b) == Approx((-0.3 - 1.2) / 2));
  const std::vector<TokenLogprob> c = {Tok("Hi", -0.2, {{"Hi", -0.2}, {"Hey", -3.0}})};
  CHECK(PrefixCrossLogprob(a, c) == Approx(-9.210340371976184));  // floor
  SignalPanel panel = testing::MakePanel({{{"x"}}, {{"y"}}});
  CHECK(CrossLikelihoodSignal().Unavailable(panel)->find("logprobs") != std::string::npos);
  panel.meta[0][0].logprobs = a;
  panel.meta[1][0].logprobs = b;
  CHECK(!CrossLikelihoodSignal().Unavailable(panel));
  CHECK(CrossLikelihoodSignal().Prepare(panel, nullptr)->PerPrompt(0, 1)[0] == Approx(-0.75));
}

}  // namespace
}  // namespace kinship
