// Tiny constructed panels for the signal tests.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "harness/signals/signal_panel.h"

namespace kinship::testing {

// answers[m][p] = samples of model m on prompt p (all greedy when greedy is true).
inline SignalPanel MakePanel(const std::vector<std::vector<std::vector<std::string>>>& answers,
                             std::vector<SignalPrompt> prompts = {}, bool greedy = true) {
  PanelAnswers panel;
  for (std::size_t m = 0; m < answers.size(); ++m) panel.models.push_back("m" + std::to_string(m));
  for (std::size_t p = 0; p < answers[0].size(); ++p) panel.prompts.push_back("s/p" + std::to_string(p));
  panel.Resize();
  std::vector<std::vector<AnswerMeta>> meta(panel.answers.size());
  for (std::size_t m = 0; m < answers.size(); ++m) {
    for (std::size_t p = 0; p < answers[m].size(); ++p) {
      panel.answers[panel.AnswerIndex(m, p)] = answers[m][p];
      for (std::size_t s = 0; s < answers[m][p].size(); ++s) {
        AnswerMeta item;
        item.temperature = greedy && s == 0 ? 0.0 : 1.0;
        meta[panel.AnswerIndex(m, p)].push_back(item);
      }
    }
  }
  return BuildSignalPanel(std::move(panel), std::move(prompts), std::move(meta), 1);
}

// A panel of `models` x `prompts` with 0-3 samples per answer: overlapping multilingual word
// soup, empty answers, answers of one word, and models that skip prompts.
inline SignalPanel RandomWordPanel(std::size_t models, std::size_t prompts, std::uint64_t seed) {
  const std::vector<std::string> words = {"the", "model", "answer", "Қазақ", "тілі", "модель",
                                          "我", "是", "模型", "نموذج", "is", "a", "4", "don't"};
  std::mt19937_64 rng(seed);
  std::vector<std::vector<std::vector<std::string>>> answers(models);
  for (std::size_t m = 0; m < models; ++m) {
    answers[m].resize(prompts);
    for (std::size_t p = 0; p < prompts; ++p) {
      const std::size_t samples = rng() % 4;  // 0: the model has no ok answer here
      for (std::size_t s = 0; s < samples; ++s) {
        std::string text;
        const std::size_t length = rng() % 5 == 0 ? rng() % 2 : 5 + rng() % 30;
        for (std::size_t w = 0; w < length; ++w) {
          // Prompt-dependent start and a small vocabulary: many shared n-grams.
          text += words[(p + w + (rng() % 3 == 0 ? rng() : 0)) % words.size()];
          text += rng() % 4 == 0 ? ", " : " ";
        }
        answers[m][p].push_back(text);
      }
    }
  }
  return MakePanel(answers);
}

}  // namespace kinship::testing
