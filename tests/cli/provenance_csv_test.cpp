#include "harness/cli/provenance_csv.h"

#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "harness/provenance/provenance_query.h"

namespace kinship {
namespace {

CandidateVerdict Candidate(const std::string& model, Verdict verdict, double probability) {
  CandidateVerdict c;
  c.model = model;
  c.verdict = verdict;
  c.probability = probability;
  c.evidence_z = 1.5;
  c.p_value = 0.25;
  c.effect = std::numeric_limits<double>::quiet_NaN();  // no value: an empty cell
  c.ci95 = {-0.5, 0.75};
  c.controls_beaten = 3;
  c.controls_total = 4;
  return c;
}

TEST_CASE("provenance CSV: one row per candidate in ranking order, cells escaped") {
  SuspectVerdict v;
  v.suspect = "acme, chat";  // a comma: quoted
  v.n_prompts = 80;
  v.candidates = {Candidate("=teacher", Verdict::kInconclusive, 0.5),  // formula-like name
                  Candidate("gpt-4", Verdict::kModerate, 0.875)};
  v.ranking = {"gpt-4", "=teacher"};
  DirectionResult direction;
  direction.teacher = "gpt-4";
  direction.stated = true;
  v.direction = direction;

  const std::string csv = ProvenanceCsv({v});
  CHECK(csv ==
        "suspect,rank,candidate,verdict,probability,evidence_z,p_value,effect,ci95_low,"
        "ci95_high,controls_beaten,controls_total,n_prompts,direction\r\n"
        "\"acme, chat\",1,gpt-4,moderate,0.875,1.5,0.25,,-0.5,0.75,3,4,80,\"acme, chat <- gpt-4\"\r\n"
        "\"acme, chat\",2,'=teacher,inconclusive,0.5,1.5,0.25,,-0.5,0.75,3,4,80,\r\n");

  v.direction->stated = false;  // a direction examined but not stated leaves the cell empty
  const std::string undetermined = ProvenanceCsv({v});
  CHECK(undetermined.find("<-") == std::string::npos);
  CHECK(ProvenanceCsv({}).find("\r\n") == ProvenanceCsv({}).size() - 2);  // the header alone
}

}  // namespace
}  // namespace kinship
