#include "harness/provenance/provenance_query.h"

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "harness/provenance/evidence_score.h"
#include "tests/provenance/zoo_panel.h"

namespace kinship {
namespace {

int IndexOf(const SignalPanel& panel, const std::string& name) {
  const auto& m = panel.answers.models;
  return static_cast<int>(std::find(m.begin(), m.end(), name) - m.begin());
}

const CandidateVerdict& For(const SuspectVerdict& v, const std::string& model) {
  for (const auto& c : v.candidates) {
    if (c.model == model) return c;
  }
  FAIL("candidate missing: " << model);
  return v.candidates.front();
}

TEST_CASE("without candidates every other model is one; controls are the non-candidates") {
  ProvenanceQuery q = CompleteQuery({1, {}, {}}, 4);
  CHECK(q.candidates == std::vector<int>{0, 2, 3});
  CHECK(q.controls.empty());
  // Neither list given: each candidate is tested against the other candidates.
  CHECK(q.candidates_are_controls);
  CHECK(q.ControlsFor(2) == std::vector<int>{0, 3});
  q = CompleteQuery({1, {2}, {}}, 4);
  CHECK(q.controls == std::vector<int>{0, 3});
  CHECK(!q.candidates_are_controls);
  CHECK(q.ControlsFor(2) == std::vector<int>{0, 3});
  q = CompleteQuery({1, {}, {0}}, 4);
  CHECK(q.candidates == std::vector<int>{2, 3});
  CHECK_THROWS_AS(CompleteQuery({5, {}, {}}, 4), std::invalid_argument);
}

TEST_CASE("the simulated zoo end to end: students strong toward their teachers, control not") {
  const SignalPanel panel = testing::ZooDemoPanel();
  const int teacher_a = IndexOf(panel, "teacher-a"), teacher_b = IndexOf(panel, "teacher-b");
  std::vector<ProvenanceQuery> queries;
  for (const char* suspect : {"student-a", "student-b", "control"}) {
    queries.push_back({IndexOf(panel, suspect), {teacher_a, teacher_b}, {}});
  }
  ProvenanceOptions options;
  options.permutation_iterations = 4000;
  options.bootstrap_resamples = 200;
  const auto verdicts = RunProvenance(panel, queries, options);
  REQUIRE(verdicts.size() == 3);

  const auto& a = verdicts[0];
  CHECK(a.suspect == "student-a");
  CHECK(a.n_prompts == static_cast<int>(panel.Prompts()));
  CHECK(For(a, "teacher-a").verdict == Verdict::kStrong);
  CHECK(For(a, "teacher-b").verdict != Verdict::kStrong);
  CHECK(a.ranking.front() == "teacher-a");
  CHECK(For(a, "teacher-a").probability > 0.9);

  const auto& b = verdicts[1];
  CHECK(For(b, "teacher-b").verdict == Verdict::kStrong);
  CHECK(For(b, "teacher-a").verdict != Verdict::kStrong);
  CHECK(b.ranking.front() == "teacher-b");

  const auto& c = verdicts[2];
  CHECK(For(c, "teacher-a").verdict != Verdict::kStrong);
  CHECK(For(c, "teacher-b").verdict != Verdict::kStrong);
  // Controls of student-a: student-b, control and partial-a (the non-candidates).
  CHECK(a.controls.size() == 3);
  CHECK(For(a, "teacher-a").controls_total == 3);
}

TEST_CASE("with the default signals, word-ngram-idf ranks in place of the primary, untested") {
  const SignalPanel panel = testing::ZooDemoPanel();
  ProvenanceOptions options;
  options.permutation_iterations = 200;
  options.bootstrap_resamples = 0;
  options.direction = false;
  const auto v = RunProvenance(panel,
                               {{IndexOf(panel, "student-a"),
                                 {IndexOf(panel, "teacher-a"), IndexOf(panel, "teacher-b")},
                                 {}}},
                               options);
  REQUIRE(v.size() == 1);
  for (const auto& c : v[0].candidates) {
    std::vector<double> ranking_z;
    bool idf_seen = false;
    for (const auto& row : c.signals) {
      if (row.name == "word-ngram-idf") {
        idf_seen = true;
        CHECK(row.ranking_only);
        CHECK(std::isnan(row.p_value));
        CHECK_FALSE(std::isnan(row.z));
      }
      if (row.name == "word-ngram-1-3") CHECK_FALSE(row.ranking_only);  // still tested
      const auto& r = RankingSignals();
      if (std::find(r.begin(), r.end(), row.name) != r.end() && !std::isnan(row.z)) {
        ranking_z.push_back(row.z);
      }
    }
    CHECK(idf_seen);
    CHECK(ranking_z.size() == 5);
    CHECK(c.evidence_z == Approx(EvidenceZ(ranking_z)));
  }
}

TEST_CASE("candidates are ranked by the mean z of the lexical signals; P is its monotone map") {
  const SignalPanel panel = testing::ZooDemoPanel();
  ProvenanceOptions options;
  options.permutation_iterations = 500;
  options.bootstrap_resamples = 0;
  options.signals = {"word-ngram-1-3", "first-5", "mannerisms"};
  const auto v = RunProvenance(panel,
                               {{IndexOf(panel, "student-b"),
                                 {IndexOf(panel, "teacher-a"), IndexOf(panel, "teacher-b")},
                                 {}}},
                               options);
  REQUIRE(v.size() == 1);
  for (const auto& c : v[0].candidates) {
    REQUIRE(c.signals.size() == 3);
    // The lexical channel (word n-grams, first-5) ranks; mannerisms do not enter the mean.
    // word-ngram-idf is not in the list, so the primary's unweighted overlap ranks for it.
    CHECK(c.evidence_z == Approx(EvidenceZ({c.signals[0].z, c.signals[1].z})));
    CHECK(c.features.evidence_z == Approx(std::clamp(c.evidence_z, -5.0, 10.0)));
    CHECK(c.probability == Approx(BuiltinCalibration().Probability(c.features)));
  }
  const auto& a = For(v[0], "teacher-a");
  const auto& b = For(v[0], "teacher-b");
  CHECK(b.evidence_z > a.evidence_z);
  CHECK(b.probability > a.probability);
  CHECK(v[0].ranking == std::vector<std::string>{"teacher-b", "teacher-a"});
}

TEST_CASE("a suspect with fewer than 2 controls gets a warning") {
  const SignalPanel panel = testing::ZooDemoPanel(1);
  ProvenanceOptions options;
  options.permutation_iterations = 500;
  options.bootstrap_resamples = 0;
  options.signals = {"word-ngram-1-3"};
  const auto v = RunProvenance(
      panel, {{IndexOf(panel, "student-a"), {IndexOf(panel, "teacher-a")}, {IndexOf(panel, "control")}}},
      options);
  REQUIRE(v.size() == 1);
  CHECK(v[0].warnings.size() == 1);
  CHECK(v[0].candidates[0].controls_total == 1);
  CHECK(v[0].candidates[0].signals.size() == 1);
}

}  // namespace
}  // namespace kinship
