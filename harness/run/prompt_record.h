// The prompts.jsonl form of a Prompt: a run directory carries the exact prompts it asked,
// so analysis, reports and `run --resume` never need the suite files again.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "harness/config/prompt.h"

namespace kinship {

std::string PromptToJsonLine(const Prompt& prompt);
// nullopt (with *error) for a malformed line.
std::optional<Prompt> PromptFromJsonLine(std::string_view line, std::string* error);

}  // namespace kinship
