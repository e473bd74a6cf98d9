// The relative (three-way) similarity test for one signal: is suspect S closer to
// candidate teacher T than to each control C_j, and closer to T than the controls are?
// (ARCHITECTURE.md decision 6; research/provenance-methods.md section 4.3.)
//
// Input: per-prompt similarities from one signal (samples already averaged within the
// prompt), NaN where a prompt is missing for that pair. For each control j, two paired
// one-sided sign-flip tests over prompts (permutation_test.h):
//   S-centric  d_p = sim(S,T) - sim(S,C_j)   "S resembles T more than it resembles C_j"
//   T-centric  d_p = sim(S,T) - sim(C_j,T)   "T is resembled by S more than by C_j"
// The T-centric test is the hub correction: if T is a model everyone resembles (every
// model looks like ChatGPT), sim(S,T) can exceed sim(S,C_j) for an unrelated S, but an
// independent C_j is then as close to T as S is, and the T-centric test fails. A control's
// p-value is the max of the two (both must reject), and the overall p-value is the
// intersection-union max over controls (multiple_testing.h explains why no multiplicity
// correction is needed). Holm-adjusted per-control p-values say which controls are beaten.
//
// Effect sizes (similarity orientation: positive = S closer to T, also for distances):
//   effect = mean sim(S,T) - max_j mean sim(S,C_j)   (the margin over the closest control)
//   rho    = (mean sim(S,T) - mean_j mean sim(S,C_j)) / (anchor - mean_j mean sim(S,C_j))
// rho places S between "like an average control" (0) and "as close to T as T's own
// samples are to each other" (1): anchor = mean sim(T,T') from `t_self`. Without t_self
// the anchor is `options.rho_ceiling` (e.g. 1 for a similarity bounded by 1: then rho is
// only a lower bound on the position, since no model reaches sim = 1 with itself); with
// neither, rho is NaN rather than a number on an invented scale. rho is NaN too when the
// anchor is not above the controls' mean (the scale is degenerate). rho can leave [0, 1]:
// < 0 means S is farther from T than the average control; > 1 means S is closer to T than
// T's own resamples (a duplicate or caching artefact worth a look).
// Means are over the analysed prompts (those with sim(S,T)), each series skipping its own
// missing prompts. Both get prompt-level cluster-bootstrap percentile intervals, computed
// on the same resamples.
//
// "Insufficient data" (no p-value, no interval, `insufficient` set with the reason) when
// there is no control, or fewer than `min_prompts` prompts with sim(S,T), or any control
// has fewer than `min_prompts` complete pairs in either centring. Point estimates are
// still filled in for display; the verdict layer must not use them as evidence.
//
// Vectors of inconsistent length are programming errors: std::invalid_argument.
// Pure function; thread-safe; deterministic given (input, options): each test draws from
// its own stream derived from options.seed, so adding a control does not change the
// p-values of the others.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace kinship {

struct RelativeTestInput {
  std::vector<double> s_t;                    // sim(S, T), one per prompt
  std::vector<std::vector<double>> s_c;       // sim(S, C_j), one vector per control
  std::vector<std::vector<double>> c_t;       // sim(C_j, T), same controls, same order
  std::vector<double> t_self;                 // sim(T, T') between T's own samples; may be
                                              // empty (then see rho above)
  bool higher_is_more_similar = true;         // false for distances: signs are flipped
};

struct RelativeTestOptions {
  int permutation_iterations = 10000;
  int exact_up_to_n = 20;                     // exact enumeration below this many prompts
  std::uint64_t seed = 1;
  double alpha = 0.05;                        // for controls_beaten only; p-values are raw
  int min_prompts = 20;
  int bootstrap_resamples = 2000;             // 0 skips the intervals
  double ci_level = 0.95;
  double rho_ceiling = std::numeric_limits<double>::quiet_NaN();  // anchor without t_self
};

struct ControlResult {
  int control = 0;                 // index into s_c / c_t
  int n_s_centric = 0;             // prompts with both sim(S,T) and sim(S,C_j)
  int n_t_centric = 0;             // prompts with both sim(S,T) and sim(C_j,T)
  double mean_s_c = 0;             // mean sim(S,C_j) over the analysed prompts
  double mean_c_t = 0;             // mean sim(C_j,T) over the analysed prompts
  double delta_s = 0;              // mean over prompts of sim(S,T) - sim(S,C_j)
  double delta_t = 0;              // mean over prompts of sim(S,T) - sim(C_j,T)
  double p_s_centric = 0;          // one-sided sign-flip p-values
  double p_t_centric = 0;
  double p_control = 0;            // max of the two: both centrings must reject
  double p_holm = 0;               // Holm-adjusted p_control across the controls
  bool beaten = false;             // p_holm < alpha
};

enum class RhoAnchor { kTSelf, kCeiling, kNone };

struct RelativeTestResult {
  bool insufficient = false;
  std::string insufficient_reason;
  int n_prompts = 0;               // prompts with sim(S,T)
  std::vector<ControlResult> controls;
  double p_value = 0;              // intersection-union over controls and both centrings
  int controls_beaten = 0;
  double mean_s_t = 0;
  double effect = 0;               // mean sim(S,T) - max_j mean sim(S,C_j)
  double rho = 0;
  RhoAnchor rho_anchor = RhoAnchor::kNone;
  double anchor = 0;               // the anchor's value (NaN for kNone)
  std::array<double, 2> effect_ci = {0, 0};  // at options.ci_level (95% by default)
  std::array<double, 2> rho_ci = {0, 0};
  bool exact = false;              // every permutation test was an exact enumeration
};

RelativeTestResult RunRelativeTest(const RelativeTestInput& input,
                                   const RelativeTestOptions& options = {});

}  // namespace kinship
