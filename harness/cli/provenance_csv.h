// The CSV form of `kinship provenance` (--format csv): one row per suspect and candidate,
// in each suspect's ranking order, for spreadsheets and data frames when many suspects are
// examined at once (cells and rows as csv_report.h writes them). Columns:
//   suspect,rank,candidate,verdict,probability,evidence_z,p_value,effect,ci95_low,ci95_high,
//   controls_beaten,controls_total,n_prompts,direction
// rank is 1 for the most likely teacher; direction is "S <- T" on the first-ranked row
// when a direction is stated, else empty; an empty number cell means no value. Cells are
// RFC 4180 and neutralised against spreadsheet formulas as in csv_report.h. Lives in the
// CLI because it joins the provenance and report stages. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace kinship {

struct SuspectVerdict;

std::string ProvenanceCsv(const std::vector<SuspectVerdict>& verdicts);

}  // namespace kinship
