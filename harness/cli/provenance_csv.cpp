#include "harness/cli/provenance_csv.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "harness/provenance/provenance_query.h"
#include "harness/provenance/verdict.h"
#include "harness/report/csv_report.h"

namespace kinship {

namespace {

std::string Number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

}  // namespace

std::string ProvenanceCsv(const std::vector<SuspectVerdict>& verdicts) {
  std::string out =
      "suspect,rank,candidate,verdict,probability,evidence_z,p_value,effect,ci95_low,ci95_high,"
      "controls_beaten,controls_total,n_prompts,direction\r\n";
  for (const SuspectVerdict& v : verdicts) {
    for (std::size_t rank = 0; rank < v.ranking.size(); ++rank) {
      const auto c = std::find_if(v.candidates.begin(), v.candidates.end(),
                                  [&](const CandidateVerdict& x) { return x.model == v.ranking[rank]; });
      if (c == v.candidates.end()) continue;
      std::string direction;
      if (rank == 0 && v.direction && v.direction->stated) {
        direction = v.suspect + " <- " + v.direction->teacher;
      }
      const std::vector<std::string> cells = {
          CsvTextCell(v.suspect), std::to_string(rank + 1), CsvTextCell(c->model),
          std::string(VerdictName(c->verdict)), Number(c->probability), Number(c->evidence_z),
          Number(c->p_value), Number(c->effect), Number(c->ci95[0]), Number(c->ci95[1]),
          std::to_string(c->controls_beaten), std::to_string(c->controls_total),
          std::to_string(v.n_prompts), CsvTextCell(direction)};
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        out += cells[i];
      }
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace kinship
