// Tiny constructed panels for the signal tests.
#pragma once

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

}  // namespace kinship::testing
