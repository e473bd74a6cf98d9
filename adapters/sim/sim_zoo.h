// The sim zoo: the named built-in simulated models (a public contract -- the demo, the
// docs and tests rely on these names) and the builder for models declared by recipe.
//
//   teacher-a  teacher-b  two independent voices
//   student-a  student-b  students distilled from teacher-a / teacher-b
//   control              an independent voice with no teacher
//   partial-a            control's voice with a 30% admixture of teacher-a answers
//   base-a               student-a's voice with no teacher (its "base model", a same-family
//                        control for audits of student-a)
//
// A recipe names a base voice corpus, an n-gram order and optionally a teacher (a zoo
// model): the student is trained on the teacher's sampled answers to the first `samples`
// distillation prompts, mixed with its own corpus so that `fraction` of its training
// tokens are teacher text.
//
// Models are built lazily, once per process, and shared: the first call builds the whole
// zoo (about a second); recipe models are built on first request and cached by recipe.
// All functions are thread-safe. Unknown names give nullptr; invalid recipes (which the
// sim adapter's factory rejects first, with locations) throw std::invalid_argument.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

class SimModel;

struct SimRecipe {
  std::string corpus;          // a voice: SimVoiceNames()
  int order = 4;               // n-gram order, 3..5
  std::string teacher;         // a zoo model name, or "" for none
  double fraction = 0.0;       // share of training tokens that are teacher text, 0..1
  int samples = 0;             // distillation prompts answered by the teacher; 0 = all
  std::uint64_t seed = 1;      // seeds the teacher's sampling

  // A canonical one-line form; equal recipes have equal labels ("served model").
  std::string Label() const;
};

struct SimZooEntry {
  std::string name;
  std::string description;  // one line for `kinship list models`
  SimRecipe recipe;
};

const std::vector<SimZooEntry>& SimZooCatalog();
std::vector<std::string> SimZooNames();
std::vector<std::string> SimVoiceNames();
// How many distillation prompts exist (the upper bound of `samples`).
int SimDistillationPromptCount();

std::shared_ptr<const SimModel> SimZooModel(std::string_view name);
std::shared_ptr<const SimModel> BuildSimModel(const SimRecipe& recipe);

}  // namespace kinship
