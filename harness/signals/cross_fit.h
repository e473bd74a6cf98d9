// Cross-fitting by prompt (research/provenance-methods.md §4.3, split-sample discipline): a
// signal that learns from answers (distinctive phrases, classifiers) scores prompt p only with
// a fit made without any answer to p. Prompts are dealt into K folds; the fit for fold f uses
// the prompts of the other folds and scores the prompts of f, so every prompt gets exactly one
// out-of-fold value. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace kinship {

constexpr int kCrossFitFolds = 5;

// Fold of each prompt, in [0, folds). Prompts are ordered by a stable hash of their key and
// dealt round-robin, so folds differ in size by at most one and do not depend on plan order
// (a reordered suite scores the same prompts together) or on answer content.
std::vector<int> PromptFolds(const std::vector<std::string>& prompt_keys,
                             int folds = kCrossFitFolds);

}  // namespace kinship
