// Rendering provenance verdicts: the JSON specified in results/README.md ("Provenance
// JSON"), a terminal text form and Markdown, plus the summary section `kinship report` can
// include (ProvenanceSummaryMarkdown). Pure functions over plain data; thread-safe; never
// throw except std::bad_alloc. Non-finite numbers become JSON null.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "harness/provenance/provenance_query.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

nlohmann::json ProvenanceJson(const SuspectVerdict& verdict);
// One suspect: an object; several: an array with one object per suspect.
nlohmann::json ProvenanceJson(const std::vector<SuspectVerdict>& verdicts);

std::string ProvenanceText(const std::vector<SuspectVerdict>& verdicts);
// "likely S <- T (3 of 4 asymmetric cues agree: ...)" or "direction undetermined (...)".
std::string DirectionLine(const SuspectVerdict& verdict);
std::string ProvenanceMarkdown(const std::vector<SuspectVerdict>& verdicts);

// For `kinship report`: one provenance question per ordered model pair (suspect S,
// candidate T, every other model a control), with B = 2,000 sign flips and no bootstrap
// intervals, to stay quick; `kinship provenance` gives the full figures. Panels of fewer
// than 4 models get no queries.
std::vector<SuspectVerdict> PairwiseProvenance(const SignalPanel& panel, unsigned threads = 2);

// The verdicts of PairwiseProvenance as a Markdown section: one row per pair, the wording
// and the confounder checklist (or why there is nothing, for panels under 4 models).
std::string ProvenanceSummaryMarkdown(const std::vector<SuspectVerdict>& verdicts,
                                      std::size_t models);
// The same rows as a compact terminal table.
std::string ProvenanceSummaryText(const std::vector<SuspectVerdict>& verdicts, std::size_t models);

}  // namespace kinship
