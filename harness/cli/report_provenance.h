// The provenance part of `kinship report`: every ordered model pair asked once (quick
// settings, see PairwiseProvenance), turned into the report model's rows with their
// evidence -- shared distinctive phrases and identity claims -- and into the Markdown and
// terminal summaries. Lives here because it joins two stages (provenance, report) that must
// not depend on each other.
#pragma once

#include <string>
#include <vector>

#include "harness/report/panel_report.h"

namespace kinship {

struct RunData;
struct SignalPanel;
struct SuspectVerdict;

struct ReportProvenanceResult {
  std::vector<ReportProvenance> rows;  // one per ordered pair
  std::string markdown;                // section appended to report.md
  std::string terminal;                // compact table for the terminal summary
  bool skipped = false;                // panel too large for the all-pairs summary
};

// Panels of more than `max_models` models are skipped (the all-pairs summary grows with
// the square of the panel; `kinship provenance` asks targeted questions instead).
ReportProvenanceResult BuildReportProvenance(const RunData& run, std::size_t max_models);

// The rows (strong and moderate first, with their evidence) of verdicts computed elsewhere --
// `kinship audit`'s targeted query -- with the full Markdown and text renderings.
ReportProvenanceResult ReportProvenanceFromVerdicts(const SignalPanel& panel,
                                                    const std::vector<SuspectVerdict>& verdicts);

}  // namespace kinship
