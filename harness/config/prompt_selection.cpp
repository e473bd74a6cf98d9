#include "harness/config/prompt_selection.h"

#include <utility>
#include <vector>

namespace kinship {

void ApplyPromptSelection(const PromptSelection& selection, Suite* suite) {
  std::vector<Prompt> kept;
  for (auto& prompt : suite->prompts) {
    if (selection.limit && static_cast<int>(kept.size()) >= *selection.limit) break;
    if (!selection.split.empty() && prompt.split != selection.split) continue;
    if (selection.samples) prompt.samples = *selection.samples;
    kept.push_back(std::move(prompt));
  }
  suite->prompts = std::move(kept);
}

}  // namespace kinship
