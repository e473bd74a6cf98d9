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
std::string ProvenanceMarkdown(const std::vector<SuspectVerdict>& verdicts);

// For `kinship report`: one provenance question per ordered model pair (suspect S,
// candidate T, every other model a control), rendered as a Markdown section with one row
// per pair, the wording and the confounder checklist. Runs the queries itself with
// B = 2,000 sign flips and no bootstrap intervals, to stay quick on big panels; use
// `kinship provenance` for the full figures.
std::string ProvenanceSummaryMarkdown(const SignalPanel& panel, unsigned threads = 2);

}  // namespace kinship
