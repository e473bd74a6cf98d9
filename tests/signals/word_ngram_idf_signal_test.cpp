#include "harness/signals/word_ngram_idf_signal.h"

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "harness/signals/lexical_signals.h"
#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

TEST_CASE("word-ngram-idf weighs each shared n-gram by log(N / df) over the answering models") {
  // N = 3. "a" is used by all three models (weight 0); "b" and "a b" by A and B (log 1.5
  // each); every other n-gram by one model (log 3). A and B share b and "a b":
  // J = 2 L / (2 (2 L + 3 T) - 2 L) = L / (L + 3 T), L = log 1.5, T = log 3.
  // B's two identical samples are one model: df counts models, so "b" stays at df 2.
  SignalPanel panel = testing::MakePanel({{{"a b c"}}, {{"a b d", "a b d"}}, {{"a e f"}}});
  auto prepared = WordNgramIdfSignal().Prepare(panel, nullptr);
  const double l = std::log(1.5), t = std::log(3.0);
  CHECK(prepared->PerPrompt(0, 1)[0] == Approx(l / (l + 3 * t)));
  CHECK(prepared->PerPrompt(1, 0)[0] == Approx(l / (l + 3 * t)));
  CHECK(prepared->PerPrompt(0, 2)[0] == Approx(0.0));  // only "a", which weighs nothing
  // The unweighted signal on the same answers: 3 common (a, b, "a b") of 9.
  CHECK(WordNgramSignal().Prepare(panel, nullptr)->PerPrompt(0, 1)[0] == Approx(1.0 / 3.0));

  // With roles, the lists of uninvolved models are dropped after the weights are known:
  // the same values for the involved pairs (df still counts model 2), NaN for model 2.
  SignalRoles roles;
  roles.suspects = {0};
  roles.candidates = {1};
  auto with_roles = WordNgramIdfSignal().Prepare(panel, &roles);
  CHECK(with_roles->PerPrompt(0, 1)[0] == Approx(l / (l + 3 * t)));
  CHECK(std::isnan(with_roles->PerPrompt(0, 2)[0]));

  // Two answers made only of n-grams every model used: nothing weighs, so they agree (1),
  // as two empty answers do in word-ngram-1-3.
  SignalPanel common = testing::MakePanel({{{"a"}}, {{"a"}}});
  CHECK(WordNgramIdfSignal().Prepare(common, nullptr)->PerPrompt(0, 1)[0] == Approx(1.0));
}

TEST_CASE("word-ngram-idf gives the involved pairs the same values with roles as without") {
  const SignalPanel panel = testing::RandomWordPanel(9, 12, 77);
  SignalRoles roles;
  roles.suspects = {4};
  roles.candidates = {1, 7};
  roles.controls = {0, 8};
  const auto all = WordNgramIdfSignal().Prepare(panel, nullptr);
  const auto some = WordNgramIdfSignal().Prepare(panel, &roles);
  const std::vector<int> involved = roles.Involved();
  int compared = 0;
  for (int a = 0; a < 9; ++a) {
    for (int b = 0; b < 9; ++b) {
      const bool kept = std::count(involved.begin(), involved.end(), a) &&
                        std::count(involved.begin(), involved.end(), b);
      const auto x = all->PerPrompt(a, b);
      const auto y = some->PerPrompt(a, b);
      for (std::size_t p = 0; p < x.size(); ++p) {
        INFO("a=" << a << " b=" << b << " p=" << p);
        if (!kept) {
          CHECK(std::isnan(y[p]));
        } else if (std::isnan(x[p])) {
          CHECK(std::isnan(y[p]));
        } else {
          CHECK(y[p] == x[p]);  // same weights, same ranks in the same order: the same double
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 100);
}

}  // namespace
}  // namespace kinship
