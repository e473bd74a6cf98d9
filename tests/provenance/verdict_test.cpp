#include "harness/provenance/verdict.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

VerdictEvidence StrongEvidence() {
  VerdictEvidence e;
  e.primary_p = 1e-4;
  e.combined_p = 1e-4;
  e.probability = 0.95;
  e.channels_agreeing = 2;
  return e;
}

TEST_CASE("strong needs every condition of the research table") {
  std::string reason;
  CHECK(BucketVerdict(StrongEvidence(), &reason) == Verdict::kStrong);
  CHECK(!reason.empty());
  auto e = StrongEvidence();
  e.channels_agreeing = 1;  // one channel only: at most moderate
  CHECK(BucketVerdict(e, nullptr) == Verdict::kModerate);
  e = StrongEvidence();
  e.primary_p = 0.02;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kModerate);
  e = StrongEvidence();
  e.probability = 0.85;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kModerate);
  e = StrongEvidence();
  e.combined_p = 0.005;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kModerate);
}

TEST_CASE("moderate needs p below 0.01 and P of at least 0.7; otherwise inconclusive") {
  VerdictEvidence e;
  e.combined_p = 0.005;
  e.probability = 0.75;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kModerate);
  e.probability = 0.6;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kInconclusive);
  e.probability = 0.75;
  e.combined_p = 0.02;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kInconclusive);
}

TEST_CASE("moderate on a high calibrated P when S is closer to T than to every control") {
  VerdictEvidence e;  // the tests in both centrings do not reject (combined p = 1)
  e.probability = 0.95;
  e.s_centric_p = 0.001;
  std::string reason;
  CHECK(BucketVerdict(e, &reason) == Verdict::kModerate);
  CHECK(reason.find("S-centric") != std::string::npos);
  e.s_centric_p = 0.05;  // S is not closer to T than to some control
  CHECK(BucketVerdict(e, nullptr) == Verdict::kInconclusive);
  e.s_centric_blocker = "guanaco-65b";  // ... which the reason then names
  CHECK(BucketVerdict(e, &reason) == Verdict::kInconclusive);
  CHECK(reason.find("as close to the control guanaco-65b as to T (S-centric p = 0.05)") !=
        std::string::npos);
  e.s_centric_blocker.clear();
  e.s_centric_p = 0.001;
  e.probability = 0.85;  // P below the bar of this route
  CHECK(BucketVerdict(e, nullptr) == Verdict::kInconclusive);
  e.probability = 0.999;  // P alone never makes strong: the tests must reject
  CHECK(BucketVerdict(e, nullptr) == Verdict::kModerate);
}

TEST_CASE("against when S is significantly farther from T than the median control") {
  VerdictEvidence e;
  e.against_p = 0.001;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kAgainst);
}

TEST_CASE("insufficient data overrides every other bucket") {
  auto e = StrongEvidence();
  e.insufficient = true;
  CHECK(BucketVerdict(e, nullptr) == Verdict::kInsufficient);
}

TEST_CASE("every verdict carries the T-derived data wording and the checklist has 3 items") {
  for (Verdict v : {Verdict::kStrong, Verdict::kModerate, Verdict::kInconclusive,
                    Verdict::kAgainst, Verdict::kInsufficient}) {
    CHECK(VerdictWording(v, "S", "T").find("consistent with training on T-derived data") !=
          std::string::npos);
  }
  CHECK(ConfounderChecklist().size() == 3);
  CHECK(VerdictName(Verdict::kAgainst) == "against");
}

}  // namespace
}  // namespace kinship
