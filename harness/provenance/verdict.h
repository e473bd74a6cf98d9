// Verdict buckets and the fixed wording every verdict carries (research §4.3 table, §3
// confounders). The rules are in BucketVerdict; the numbers they read come from the query
// (provenance_query.h). Pure functions over plain data; thread-safe; never throw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kinship {

enum class Verdict { kStrong, kModerate, kInconclusive, kAgainst, kInsufficient };

// "strong", "moderate", "inconclusive", "against", "insufficient".
std::string_view VerdictName(Verdict verdict);

// The evidence a bucket is decided on.
struct VerdictEvidence {
  bool insufficient = false;       // the primary signal had too few prompts or no control
  double primary_p = 1;            // primary signal, IUT over controls and both centrings
  double combined_p = 1;           // Cauchy combination over available signals
  double s_centric_p = 1;          // primary signal, IUT over controls, S-centric test only
  double probability = 0;          // calibrated
  int channels_agreeing = 0;       // independent channels whose best signal has IUT p < 0.01
  double against_p = 1;            // one-sided: S farther from T than the median control
  std::string s_centric_blocker;   // the control with the largest S-centric p (primary):
                                   // named when it alone keeps a high P out of moderate
};

struct VerdictThresholds {
  double strong_primary_p = 0.01;
  double strong_combined_p = 0.001;
  double strong_probability = 0.9;
  int strong_channels = 2;
  double moderate_combined_p = 0.01;
  double moderate_probability = 0.7;
  double moderate_probability_alone = 0.9;
  double moderate_s_centric_p = 0.01;
  double against_p = 0.01;
};

// strong: primary beats every control in both centrings (p < 0.01), combined p < 0.001,
// P > 0.9 and >= 2 channels agree. moderate: either the tests reject (combined p < 0.01)
// and P >= 0.7, or the calibrated P >= 0.9 and S is closer to T than to every control on the
// primary signal (S-centric IUT p < 0.01). The second route exists because on real panels
// the T-centric test rarely rejects (every model resembles the popular assistants, the
// hub), so the combined p stays near 1 for true students; the calibrated probability,
// fitted on labelled real pairs, carries the evidence there, and the S-centric test keeps
// a candidate the suspect is no closer to than to a control out of `moderate`. against: S
// is significantly farther from T than the median control. insufficient: too little data.
// Otherwise inconclusive. `reason` receives one line naming the deciding condition; when P
// reaches the probability route's bar but the S-centric test does not reject, it names the
// control S is as close to as to T (s_centric_blocker).
Verdict BucketVerdict(const VerdictEvidence& evidence, std::string* reason,
                      const VerdictThresholds& thresholds = {});

// "consistent with training on T-derived data" and its caveat, for every verdict.
std::string VerdictWording(Verdict verdict, std::string_view suspect, std::string_view teacher);

// The confounder checklist printed next to every verdict (research §3).
const std::vector<std::string>& ConfounderChecklist();

}  // namespace kinship
