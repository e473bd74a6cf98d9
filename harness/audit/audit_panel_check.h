// The panel checks of research §4.1 that `kinship audit` prints before it sends anything:
// at least four control models, and among them one from the suspect's own base family (a
// student is close to its siblings whoever taught it, so without one a verdict cannot tell
// "trained on T" from "same family"). A check that cannot be made (the suspect's family is
// not known) says so. Pure function; never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/config/model_config.h"

namespace kinship {

inline constexpr int kRecommendedControls = 4;

// The warnings, one sentence each, in a fixed order; empty when the panel passes.
std::vector<std::string> AuditPanelWarnings(const ModelConfig& suspect,
                                            const std::vector<ModelConfig>& controls);

// The family part alone: a warning when the suspect's family is known and no control shares
// it; nullopt otherwise (also when the family is unknown). `kinship provenance` adds it to a
// suspect's warnings, from the families recorded in the run manifests.
std::optional<std::string> FamilyControlWarning(const ModelConfig& suspect,
                                                const std::vector<ModelConfig>& controls);

}  // namespace kinship
