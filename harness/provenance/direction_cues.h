// The direction cues that are not the asymmetry of one directed signal (research §4.4 items
// 3 and 6). ExamineDirection (provenance_query.cpp) examines them beside the signal
// asymmetries (identity, LOO attribution, mannerisms, cross-likelihood) for the top-ranked
// candidate. Pure functions over the panel; thread-safe; never throw except std::bad_alloc.
//
//   cross-continuation-asymmetry  On the derived cross-continuation prompts (tag
//       `cross-continuation`, tag `from:<model>` naming whose answer was cut; suites/README.md)
//       of one source prompt q: st = sim(S's continuation of T's prefix, T's own
//       continuation of it), ts = sim(T's continuation of S's prefix, S's own continuation of
//       it), and the same two for each control C_j against T. Per source prompt,
//       (st - ts) - mean_j (c_jt - tc_j); a one-sided sign-flip test over the source prompts.
//       sim is the set Jaccard of word 1-3-grams of the first samples. A student continues its
//       teacher's text the way the teacher does; the teacher, continuing the student's text,
//       does not reproduce the student's own idiosyncrasies. Controls absorb the plain
//       effect of whose prefix it is.
//   capability-asymmetry  On the answer-keyed prompts (a reference answer): per prompt, T's
//       share of correct answers minus S's (answers extracted as the capa signal does); a
//       one-sided sign-flip test over the prompts both answered. An external prior, not a
//       resemblance: teachers are usually stronger than their students, so a T weaker than
//       S argues against "S <- T". No control term.
//
// Each returns nullopt when there are fewer than `min_prompts` usable prompts (the cue is then
// not examined). `agrees` is set when the asymmetry is positive and p < `alpha`.
#pragma once

#include <optional>
#include <vector>

#include "harness/provenance/provenance_query.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

struct CueTestOptions {
  int min_prompts = 20;
  int permutation_iterations = 10000;
  std::uint64_t seed = 1;
  double alpha = 0.05;
};

std::optional<DirectionCue> CrossContinuationCue(const SignalPanel& panel, int s, int t,
                                                 const std::vector<int>& controls,
                                                 const CueTestOptions& options);

std::optional<DirectionCue> CapabilityCue(const SignalPanel& panel, int s, int t,
                                          const CueTestOptions& options);

}  // namespace kinship
