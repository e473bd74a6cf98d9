#include "harness/analysis/panel_similarity.h"

#include <cmath>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "harness/analysis/builtin_measures.h"
#include "tests/analysis/test_run_data.h"

namespace kinship {
namespace {

using testing::ErrorRecord;
using testing::OkRecord;

// A, B, C over two prompts. first-words values, by hand:
//   p1: A {"x y", "x z"} vs B {"x y"}: (1 + 1/2) / 2 = 0.75; C failed on p1.
//   p2: A "a b" vs B "a c": 0.5; A vs C "a b": 1; B vs C: 0.5.
RunData SmallRun() {
  RunData run;
  run.records = {
      OkRecord("A", "p1", 0, "x y"), OkRecord("A", "p1", 1, "x z"),
      OkRecord("B", "p1", 0, "x y"), ErrorRecord("C", "p1", 0),
      OkRecord("A", "p2", 0, "a b"), OkRecord("B", "p2", 0, "a c"),
      OkRecord("C", "p2", 0, "a b"),
  };
  return run;
}

PanelSimilarity FirstWordsOf(const RunData& run, unsigned threads = 1) {
  return ComputePanelSimilarity(CollectPanelAnswers(run), {FindMeasure("first-words")}, threads);
}

TEST_CASE("Pair means average per-prompt cross-sample means over prompts both answered") {
  const PanelSimilarity result = FirstWordsOf(SmallRun());
  REQUIRE(result.models == std::vector<std::string>{"A", "B", "C"});
  REQUIRE(result.measures.size() == 1);
  const MeasureMatrix& m = result.measures[0];
  CHECK(m.measure == "first-words");
  CHECK(m.Mean(0, 1) == Approx((0.75 + 0.5) / 2));
  CHECK(m.N(0, 1) == 2);
  CHECK(m.Mean(1, 0) == m.Mean(0, 1));
  CHECK(m.Mean(0, 2) == Approx(1.0));
  CHECK(m.N(0, 2) == 1);
  CHECK(m.Mean(1, 2) == Approx(0.5));
  CHECK(m.N(2, 1) == 1);
}

TEST_CASE("Per-prompt pair values are kept, with NaN where a model has no ok sample") {
  const MeasureMatrix m = FirstWordsOf(SmallRun()).measures[0];
  CHECK(m.prompts == 2);
  CHECK(m.PerPrompt(0, 1, 0) == Approx(0.75));
  CHECK(m.PerPrompt(1, 0, 1) == Approx(0.5));
  CHECK(std::isnan(m.PerPrompt(0, 2, 0)));
  CHECK(m.PerPrompt(0, 2, 1) == Approx(1.0));
  CHECK(m.per_prompt.size() == 3 * 2);
}

TEST_CASE("The diagonal is self-similarity between a model's own samples") {
  const MeasureMatrix m = FirstWordsOf(SmallRun()).measures[0];
  CHECK(m.Mean(0, 0) == Approx(0.5));  // "x y" vs "x z" on p1
  CHECK(m.N(0, 0) == 1);
  CHECK(std::isnan(m.Mean(1, 1)));  // one sample per prompt: undefined
  CHECK(m.N(1, 1) == 0);
}

TEST_CASE("Error records are excluded from similarities and counted per model") {
  RunData run = SmallRun();
  // An error for A on p2 must not change anything A-related on p2: A still has "a b".
  run.records.push_back(ErrorRecord("A", "p2", 1));
  const PanelSimilarity result = FirstWordsOf(run);
  CHECK(result.error_records == std::vector<int>{1, 0, 1});
  CHECK(result.ok_records == std::vector<int>{3, 2, 1});
  CHECK(result.measures[0].Mean(0, 2) == Approx(1.0));
  CHECK(result.measures[0].N(0, 2) == 1);
}

TEST_CASE("A pair with no prompt in common has NaN mean and n = 0") {
  RunData run;
  run.records = {OkRecord("A", "p1", 0, "x"), OkRecord("B", "p2", 0, "x")};
  const MeasureMatrix m = FirstWordsOf(run).measures[0];
  CHECK(std::isnan(m.Mean(0, 1)));
  CHECK(m.N(0, 1) == 0);
}

TEST_CASE("Pair indices number every unordered pair exactly once") {
  MeasureMatrix m;
  m.models = 7;
  std::set<std::size_t> seen;
  for (std::size_t a = 0; a < 7; ++a) {
    for (std::size_t b = a + 1; b < 7; ++b) {
      CHECK(m.PairIndex(a, b) == m.PairIndex(b, a));
      seen.insert(m.PairIndex(a, b));
    }
  }
  CHECK(seen.size() == 21);
  CHECK(*seen.rbegin() == 20);
}

TEST_CASE("Results do not depend on the number of threads") {
  RunData run;
  const std::vector<std::string> words = {"alpha", "beta", "gamma", "delta", "эпсилон", "ζήτα"};
  for (int model = 0; model < 9; ++model) {
    for (int prompt = 0; prompt < 6; ++prompt) {
      for (int sample = 0; sample < 2; ++sample) {
        std::string text;
        for (int w = 0; w < 8; ++w) text += words[(model * w + prompt + sample * w) % 6] + " ";
        // Appending (not "m" + to_string) sidesteps a GCC 12 -Wrestrict false positive.
        std::string model_name = "m", prompt_id = "p";
        model_name += std::to_string(model);
        prompt_id += std::to_string(prompt);
        run.records.push_back(OkRecord(model_name, prompt_id, sample, text));
      }
    }
  }
  const PanelAnswers panel = CollectPanelAnswers(run);
  const PanelSimilarity one = ComputePanelSimilarity(panel, BuiltinMeasures(), 1);
  const PanelSimilarity four = ComputePanelSimilarity(panel, BuiltinMeasures(), 4);
  REQUIRE(one.measures.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(one.measures[i].per_prompt == four.measures[i].per_prompt);
    CHECK(one.measures[i].n == four.measures[i].n);
  }
}

TEST_CASE("Every measure's per-prompt values equal the pairwise Similarity mean, bit for bit") {
  // 35 prompts (three prompt blocks, the last partial), 0-3 samples per answer, empty
  // answers, and Kazakh, Russian, Chinese and Arabic words among English ones.
  const std::vector<std::string> words = {"the", "model", "Answer", "Қазақ", "тілі", "модель",
                                          "我", "是", "模型", "نموذج", "is", "4", "don't"};
  PanelAnswers panel;
  const std::size_t models = 6, prompts = 35;
  for (std::size_t m = 0; m < models; ++m) panel.models.push_back("m" + std::to_string(m));
  for (std::size_t p = 0; p < prompts; ++p) panel.prompts.push_back("s/p" + std::to_string(p));
  panel.Resize();
  std::mt19937_64 rng(17);
  for (std::size_t m = 0; m < models; ++m) {
    for (std::size_t p = 0; p < prompts; ++p) {
      const std::size_t samples = rng() % 4;
      for (std::size_t s = 0; s < samples; ++s) {
        std::string text;
        const std::size_t length = rng() % 6 == 0 ? 0 : 3 + rng() % 25;
        for (std::size_t w = 0; w < length; ++w) {
          text += words[(p + w + (rng() % 3 == 0 ? rng() : 0)) % words.size()];
          text += rng() % 3 == 0 ? ", " : " ";
        }
        panel.answers[panel.AnswerIndex(m, p)].push_back(text);
      }
    }
  }
  const PanelSimilarity result = ComputePanelSimilarity(panel, BuiltinMeasures(), 2);
  for (std::size_t i = 0; i < BuiltinMeasures().size(); ++i) {
    const SimilarityMeasure& measure = *BuiltinMeasures()[i];
    const MeasureMatrix& matrix = result.measures[i];
    for (std::size_t a = 0; a < models; ++a) {
      for (std::size_t b = a + 1; b < models; ++b) {
        double sum_over_prompts = 0;
        int n = 0;
        for (std::size_t p = 0; p < prompts; ++p) {
          const auto& xs = panel.answers[panel.AnswerIndex(a, p)];
          const auto& ys = panel.answers[panel.AnswerIndex(b, p)];
          INFO(measure.Name() << " a=" << a << " b=" << b << " p=" << p);
          if (xs.empty() || ys.empty()) {
            CHECK(std::isnan(matrix.PerPrompt(a, b, p)));
            continue;
          }
          double sum = 0;
          for (const std::string& x : xs) {
            for (const std::string& y : ys) {
              sum += measure.Similarity(measure.Features(x), measure.Features(y));
            }
          }
          const double expected = sum / static_cast<double>(xs.size() * ys.size());
          CHECK(matrix.PerPrompt(a, b, p) == static_cast<float>(expected));
          sum_over_prompts += expected;
          ++n;
        }
        CHECK(matrix.N(a, b) == n);
        CHECK(matrix.Mean(a, b) == Approx(sum_over_prompts / n).epsilon(1e-12));
      }
    }
  }
}

}  // namespace
}  // namespace kinship
