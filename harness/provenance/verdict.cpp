#include "harness/provenance/verdict.h"

#include <fmt/core.h>

namespace kinship {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kStrong: return "strong";
    case Verdict::kModerate: return "moderate";
    case Verdict::kInconclusive: return "inconclusive";
    case Verdict::kAgainst: return "against";
    case Verdict::kInsufficient: return "insufficient";
  }
  return "inconclusive";
}

Verdict BucketVerdict(const VerdictEvidence& e, std::string* reason,
                      const VerdictThresholds& t) {
  std::string why;
  Verdict verdict = Verdict::kInconclusive;
  if (e.insufficient) {
    verdict = Verdict::kInsufficient;
    why = "too few prompts or no control for the primary signal";
  } else if (e.primary_p < t.strong_primary_p && e.combined_p < t.strong_combined_p &&
             e.probability > t.strong_probability && e.channels_agreeing >= t.strong_channels) {
    verdict = Verdict::kStrong;
    why = fmt::format(
        "primary signal beats every control in both centrings (p = {:.2g}), combined p = "
        "{:.2g}, P = {:.2f}, {} channels agree",
        e.primary_p, e.combined_p, e.probability, e.channels_agreeing);
  } else if (e.combined_p < t.moderate_combined_p && e.probability >= t.moderate_probability) {
    verdict = Verdict::kModerate;
    why = fmt::format("combined p = {:.2g}, P = {:.2f}; not every strong condition holds "
                      "(primary p = {:.2g}, {} channels agree)",
                      e.combined_p, e.probability, e.primary_p, e.channels_agreeing);
  } else if (e.probability >= t.moderate_probability_alone &&
             e.s_centric_p < t.moderate_s_centric_p) {
    verdict = Verdict::kModerate;
    why = fmt::format("P = {:.2f} and S is closer to T than to every control (S-centric p = "
                      "{:.2g}); the tests in both centrings do not reject (combined p = {:.2g})",
                      e.probability, e.s_centric_p, e.combined_p);
  } else if (e.against_p < t.against_p) {
    verdict = Verdict::kAgainst;
    why = fmt::format("suspect is farther from the candidate than the median control (p = {:.2g})",
                      e.against_p);
  } else if (e.probability >= t.moderate_probability_alone && !e.s_centric_blocker.empty()) {
    why = fmt::format("P = {:.2f}, but on the primary signal S is about as close to the control "
                      "{} as to T (S-centric p = {:.2g}); combined p = {:.2g}",
                      e.probability, e.s_centric_blocker, e.s_centric_p, e.combined_p);
  } else {
    why = fmt::format("combined p = {:.2g}, P = {:.2f}: below the moderate bar", e.combined_p,
                      e.probability);
  }
  if (reason != nullptr) *reason = why;
  return verdict;
}

std::string VerdictWording(Verdict verdict, std::string_view suspect, std::string_view teacher) {
  switch (verdict) {
    case Verdict::kStrong:
      return fmt::format("Strong evidence: {}'s outputs are consistent with training on "
                         "{}-derived data (which may be a public dataset {} generated, not "
                         "direct querying).",
                         suspect, teacher, teacher);
    case Verdict::kModerate:
      return fmt::format("Moderate evidence: {}'s outputs are consistent with training on "
                         "{}-derived data, but not every strong condition holds.",
                         suspect, teacher);
    case Verdict::kInconclusive:
      return fmt::format("Inconclusive: the data neither support nor rule out that {} is "
                         "consistent with training on {}-derived data.",
                         suspect, teacher);
    case Verdict::kAgainst:
      return fmt::format("Evidence against: {} is farther from {} than a typical control; "
                         "not consistent with training on {}-derived data.",
                         suspect, teacher, teacher);
    case Verdict::kInsufficient:
      return fmt::format("Insufficient data to test whether {} is consistent with training "
                         "on {}-derived data.",
                         suspect, teacher);
  }
  return {};
}

const std::vector<std::string>& ConfounderChecklist() {
  static const std::vector<std::string> kChecklist = {
      "Shared public datasets: training on a public dataset the candidate generated "
      "(ShareGPT, UltraChat, ...) looks the same as querying it; outputs cannot tell them "
      "apart.",
      "Same base family: siblings of the suspect's base model resemble each other whoever "
      "taught them; include the suspect's base family among the controls.",
      "The 'everyone resembles ChatGPT' hub: popular assistants pull every model's style "
      "toward them; only the T-centric test against independent controls corrects for it, "
      "so too few or unrepresentative controls weaken every verdict.",
  };
  return kChecklist;
}

}  // namespace kinship
