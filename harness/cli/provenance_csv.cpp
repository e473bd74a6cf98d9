#include "harness/cli/provenance_csv.h"

#include <algorithm>

#include "harness/provenance/provenance_query.h"
#include "harness/provenance/verdict.h"
#include "harness/report/csv_report.h"

namespace kinship {

std::string ProvenanceCsv(const std::vector<SuspectVerdict>& verdicts) {
  std::string out = CsvRow({"suspect", "rank", "candidate", "verdict", "probability",
                            "evidence_z", "p_value", "effect", "ci95_low", "ci95_high",
                            "controls_beaten", "controls_total", "n_prompts", "direction"});
  for (const SuspectVerdict& v : verdicts) {
    for (std::size_t rank = 0; rank < v.ranking.size(); ++rank) {
      const auto c = std::find_if(v.candidates.begin(), v.candidates.end(),
                                  [&](const CandidateVerdict& x) { return x.model == v.ranking[rank]; });
      if (c == v.candidates.end()) continue;
      std::string direction;
      if (rank == 0 && v.direction && v.direction->stated) {
        direction = v.suspect + " <- " + v.direction->teacher;
      }
      out += CsvRow({CsvTextCell(v.suspect), std::to_string(rank + 1), CsvTextCell(c->model),
                     std::string(VerdictName(c->verdict)), CsvNumberCell(c->probability),
                     CsvNumberCell(c->evidence_z), CsvNumberCell(c->p_value),
                     CsvNumberCell(c->effect), CsvNumberCell(c->ci95[0]),
                     CsvNumberCell(c->ci95[1]), std::to_string(c->controls_beaten),
                     std::to_string(c->controls_total), std::to_string(v.n_prompts),
                     CsvTextCell(direction)});
    }
  }
  return out;
}

}  // namespace kinship
