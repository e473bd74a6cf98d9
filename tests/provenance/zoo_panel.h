// Test helper: six built-in sim zoo models (the zoo before base-a joined it) answering the
// demo suite in process (no CLI, no run directory), as a SignalPanel. Deterministic: fixed
// sampling seeds. The panel is named here so that new zoo models do not change these tests.
#pragma once

#include <string>
#include <vector>

#include "adapters/sim/sim_model.h"
#include "adapters/sim/sim_zoo.h"
#include "harness/config/suite_loader.h"
#include "harness/signals/signal_panel.h"

namespace kinship::testing {

inline SignalPanel ZooDemoPanel(int samples = 2) {
  const Suite suite = LoadSuite(std::string(KINSHIP_SOURCE_DIR) + "/suites/demo.yaml");
  PanelAnswers answers;
  answers.models = {"teacher-a", "teacher-b", "student-a", "student-b", "control", "partial-a"};
  for (const auto& prompt : suite.prompts) answers.prompts.push_back(prompt.suite + "/" + prompt.id);
  answers.Resize();
  for (std::size_t m = 0; m < answers.models.size(); ++m) {
    auto model = SimZooModel(answers.models[m]);
    for (std::size_t p = 0; p < suite.prompts.size(); ++p) {
      for (int s = 0; s < samples; ++s) {
        SimSampling sampling;
        sampling.temperature = 0.8;
        sampling.max_tokens = 160;
        sampling.seed = 7 + 1000 * p + s;
        answers.answers[answers.AnswerIndex(m, p)].push_back(
            model->Answer(suite.prompts[p].messages.back().content, sampling));
      }
      answers.ok_records[m] += samples;
    }
  }
  return BuildSignalPanel(std::move(answers), {}, {}, 2);
}

}  // namespace kinship::testing
