// Aligns two runs for `kinship compare`: models by panel name, prompts by (suite, id),
// answers by sample index. Only ok records are aligned (a failed request has no output to
// compare); what could not be aligned is counted so reports can say so. The aligned
// prompt carries the CURRENT run's Prompt, so both runs are scored with the same (current)
// assertions. Views into the two RunData, which must outlive the alignment. Pure; never throws.
#pragma once

#include <string>
#include <vector>

#include "harness/run/run_reader.h"

namespace kinship {

struct AlignedPrompt {
  const Prompt* prompt = nullptr;                  // from the current run
  std::vector<const ResponseRecord*> baseline;     // ok records, by sample
  std::vector<const ResponseRecord*> current;
  // Sample indices answered in both runs, ascending; baseline_paired[i] and
  // current_paired[i] are the records of paired_samples[i].
  std::vector<int> paired_samples;
  std::vector<const ResponseRecord*> baseline_paired;
  std::vector<const ResponseRecord*> current_paired;
};

struct ModelAlignment {
  std::string model;
  std::vector<AlignedPrompt> prompts;  // current run's prompt order; both runs answered
  int unpaired_answers = 0;            // ok answers with no counterpart in the other run
};

struct RunAlignment {
  std::vector<ModelAlignment> models;        // in both runs, current panel order
  std::vector<std::string> only_baseline;    // models only in the baseline
  std::vector<std::string> only_current;
  int prompts_only_baseline = 0;             // (suite, id) in one run's prompts only
  int prompts_only_current = 0;
};

RunAlignment AlignRuns(const RunData& baseline, const RunData& current);

}  // namespace kinship
