// The built-in distillation prompts: the instructions a teacher answers to produce a
// student's training text. Varied across the corpora's topics, and deliberately disjoint
// from every test prompt, so a test measures generalisation rather than memory.
// Static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace kinship {

std::span<const std::string_view> DistillationPrompts();

}  // namespace kinship
