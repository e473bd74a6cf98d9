#include "harness/cli/report_provenance.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "harness/provenance/provenance_format.h"
#include "harness/provenance/provenance_query.h"
#include "harness/provenance/verdict.h"
#include "harness/run/run_reader.h"
#include "harness/signals/builtin_signals.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

namespace {

constexpr std::size_t kClaimsShown = 5;

// Identity quotes for the pairs worth a look (their shared phrases come with the verdict).
void AddIdentityClaims(const SignalPanel& panel, const std::vector<std::string>& models,
                       std::vector<ReportProvenance>* rows) {
  auto index = [&](const std::string& name) {
    for (std::size_t i = 0; i < models.size(); ++i) {
      if (models[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  std::unique_ptr<PreparedSignal> identity;
  for (auto& row : *rows) {
    if (row.verdict != "strong" && row.verdict != "moderate") continue;
    int s = index(row.suspect);
    int t = index(row.candidate);
    if (s < 0 || t < 0) continue;
    if (!identity && !SignalByName("identity").Unavailable(panel)) {
      identity = SignalByName("identity").Prepare(panel, nullptr);
    }
    if (identity) {
      auto evidence = identity->Evidence(s, t);
      if (evidence.contains("quotes_a")) {
        for (const auto& quote : evidence["quotes_a"]) {
          if (row.identity_claims.size() >= kClaimsShown) break;
          row.identity_claims.push_back(quote.value("answer", ""));
        }
      }
    }
  }
}

}  // namespace

ReportProvenanceResult BuildReportProvenance(const RunData& run, std::size_t max_models) {
  ReportProvenanceResult result;
  SignalPanel panel = BuildSignalPanel(run);
  std::size_t models = panel.Models();
  if (models > max_models) {
    result.skipped = true;
    result.markdown = fmt::format(
        "## Provenance summary\n\nSkipped: {} models is more than the {} the all-pairs summary "
        "covers (`--provenance-max-models`; its cost grows with the cube of the panel). Ask "
        "targeted questions with `kinship provenance RUN_DIR --suspect S`.\n",
        models, max_models);
    result.terminal = fmt::format(
        "Provenance: skipped for {} models (raise --provenance-max-models, or see 'kinship "
        "provenance')\n",
        models);
    return result;
  }
  auto verdicts = PairwiseProvenance(panel);
  result = ReportProvenanceFromVerdicts(panel, verdicts);
  result.markdown = ProvenanceSummaryMarkdown(verdicts, models);
  result.terminal = ProvenanceSummaryText(verdicts, models);
  return result;
}

ReportProvenanceResult ReportProvenanceFromVerdicts(const SignalPanel& panel,
                                                    const std::vector<SuspectVerdict>& verdicts) {
  ReportProvenanceResult result;
  result.markdown = ProvenanceMarkdown(verdicts);
  result.terminal = ProvenanceText(verdicts);
  for (const auto& suspect : verdicts) {
    for (const auto& candidate : suspect.candidates) {
      ReportProvenance row;
      row.suspect = suspect.suspect;
      row.candidate = candidate.model;
      row.verdict = std::string(VerdictName(candidate.verdict));
      row.probability = candidate.probability;
      row.p_value = candidate.p_value;
      row.effect = candidate.effect;
      // No bootstrap interval was computed (the report's quick settings): say so rather than
      // invent one.
      row.ci95_low = candidate.ci95[0] == candidate.ci95[1]
                         ? std::numeric_limits<double>::quiet_NaN()
                         : candidate.ci95[0];
      row.ci95_high = std::isnan(row.ci95_low) ? row.ci95_low : candidate.ci95[1];
      for (const auto& signal : candidate.signals) {
        if (!signal.available) continue;
        ReportSignal shown{signal.name, signal.p_value, signal.effect, signal.z, ""};
        if (signal.ranking_only) {
          shown.note = "ranking only";
        } else if (signal.insufficient) {
          shown.note = "too few prompts";
          shown.p_value = std::numeric_limits<double>::quiet_NaN();
        }
        row.signals.push_back(std::move(shown));
      }
      const auto ranked = std::find(suspect.ranking.begin(), suspect.ranking.end(), candidate.model);
      row.rank = ranked == suspect.ranking.end() ? 0 : static_cast<int>(ranked - suspect.ranking.begin()) + 1;
      row.evidence_z = candidate.evidence_z;
      row.controls_beaten = candidate.controls_beaten;
      row.controls_total = candidate.controls_total;
      row.wording = VerdictWording(candidate.verdict, suspect.suspect, candidate.model);
      row.reason = candidate.reason;
      row.evidence_phrases = candidate.shared_phrases;
      if (row.rank == 1) row.direction = DirectionLine(suspect);
      result.rows.push_back(std::move(row));
    }
  }
  // The pairs that deserve a look first: strong, moderate, then the rest by probability.
  auto rank = [](const std::string& verdict) {
    for (int i = 0; const char* name : {"strong", "moderate", "inconclusive", "against"}) {
      if (verdict == name) return i;
      ++i;
    }
    return 4;
  };
  std::stable_sort(result.rows.begin(), result.rows.end(),
                   [&](const ReportProvenance& a, const ReportProvenance& b) {
                     if (rank(a.verdict) != rank(b.verdict)) return rank(a.verdict) < rank(b.verdict);
                     return a.probability > b.probability;
                   });
  AddIdentityClaims(panel, panel.answers.models, &result.rows);
  return result;
}

}  // namespace kinship
