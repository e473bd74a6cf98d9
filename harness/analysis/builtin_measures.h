// The registration table of built-in similarity measures (architecture decision 9): the
// one place a new measure is added, listed by `kinship list signals`. The measures and the
// table are immutable statics: thread-safe, never destroyed, never owned by callers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/analysis/similarity_measure.h"

namespace kinship {

// Every built-in measure, in listing order:
//   word-ngram-jaccard  set Jaccard over hashed word 1- and 2-grams
//   char-3gram-cosine   TF cosine over character 3-grams of the case-folded text
//   first-words         share of the first 5 word tokens that agree position by position
const std::vector<const SimilarityMeasure*>& BuiltinMeasures();

// The measure called `name`, or nullptr.
const SimilarityMeasure* FindMeasure(std::string_view name);

// The measure called `name`; throws ConfigError "field: unknown similarity measure 'x'; did
// you mean 'y'?" for a user-supplied name that matches none.
const SimilarityMeasure& MeasureByName(std::string_view name, std::string_view field = "signal");

// Resolves a list of user-supplied names (each as MeasureByName); an empty list means all.
std::vector<const SimilarityMeasure*> MeasuresByName(const std::vector<std::string>& names,
                                                     std::string_view field = "signal");

}  // namespace kinship
