#include "harness/audit/audit_panel_check.h"

#include <fmt/core.h>

namespace kinship {

std::vector<std::string> AuditPanelWarnings(const ModelConfig& suspect,
                                            const std::vector<ModelConfig>& controls) {
  std::vector<std::string> warnings;
  if (static_cast<int>(controls.size()) < kRecommendedControls) {
    warnings.push_back(fmt::format(
        "the panel has {} control model{}; at least {} are recommended (the suspect's own "
        "family, the candidate's sibling, two independent models of the same era); with fewer "
        "the verdict rests on a thin null",
        controls.size(), controls.size() == 1 ? "" : "s", kRecommendedControls));
  }
  if (suspect.family.empty()) {
    warnings.push_back(fmt::format(
        "the family of the suspect '{}' is unknown (set 'family:' in the models file), so the "
        "panel cannot be checked for a control from its own family",
        suspect.name));
    return warnings;
  }
  if (auto family = FamilyControlWarning(suspect, controls)) warnings.push_back(*family);
  return warnings;
}

std::optional<std::string> FamilyControlWarning(const ModelConfig& suspect,
                                                const std::vector<ModelConfig>& controls) {
  if (suspect.family.empty()) return std::nullopt;
  for (const auto& control : controls) {
    if (control.family == suspect.family) return std::nullopt;
  }
  return fmt::format(
      "no control is from the suspect's family '{}'; add one (e.g. its base model or a "
      "sibling), or a 'strong' verdict cannot rule out that the resemblance is the family's",
      suspect.family);
}

}  // namespace kinship
