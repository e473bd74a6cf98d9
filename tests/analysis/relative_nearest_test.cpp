#include "harness/analysis/relative_nearest.h"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "harness/analysis/builtin_measures.h"
#include "tests/analysis/test_run_data.h"

namespace kinship {
namespace {

// A one-measure panel with the given symmetric off-diagonal similarities.
PanelSimilarity Panel(const std::vector<std::string>& models,
                      const std::vector<std::vector<double>>& sims) {
  PanelSimilarity panel;
  panel.models = models;
  MeasureMatrix matrix;
  matrix.measure = "test";
  matrix.models = models.size();
  matrix.mean.assign(models.size() * models.size(), std::numeric_limits<double>::quiet_NaN());
  matrix.n.assign(models.size() * models.size(), 1);
  for (std::size_t a = 0; a < models.size(); ++a) {
    for (std::size_t b = 0; b < models.size(); ++b) {
      if (a != b) matrix.mean[a * models.size() + b] = sims[a][b];
    }
  }
  panel.measures.push_back(matrix);
  return panel;
}

const NearestRow& Row(const NearestTable& table, const std::string& model) {
  for (const NearestRow& row : table.rows) {
    if (row.model == model) return row;
  }
  FAIL("no row for " << model);
  throw;
}

// hub is 0.6 to everyone; teacher-student 0.5; everything else 0.2.
PanelSimilarity HubPanel() {
  const double h = 0.6, t = 0.5, o = 0.2;
  return Panel({"hub", "teacher", "student", "other1", "other2"},
               {{0, h, h, h, h},
                {h, 0, t, o, o},
                {h, t, 0, o, o},
                {h, o, o, 0, o},
                {h, o, o, o, 0}});
}

TEST_CASE("A hub that is raw-nearest to everyone loses to the true pair on excess") {
  const NearestTable table = RelativeNearest(HubPanel());
  REQUIRE_FALSE(table.insufficient_panel);
  REQUIRE(table.rows.size() == 5);
  const NearestRow& student = Row(table, "student");
  CHECK(student.raw_nearest == "hub");
  CHECK(student.closest == "teacher");
  CHECK(Row(table, "teacher").raw_nearest == "hub");
  CHECK(Row(table, "teacher").closest == "student");
}

TEST_CASE("Excess is the gap to the rest of the panel, in units of the measure's spread") {
  // Off-diagonal values: four 0.6, one 0.5, five 0.2.
  const std::vector<double> values = {0.6, 0.6, 0.6, 0.6, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2};
  double mean = 0;
  for (double v : values) mean += v / values.size();
  double variance = 0;
  for (double v : values) variance += (v - mean) * (v - mean) / (values.size() - 1);
  const double spread = std::sqrt(variance);

  const NearestRow& student = Row(RelativeNearest(HubPanel()), "student");
  // e(student, teacher) = 0.5 - mean(hub 0.6, other1 0.2, other2 0.2).
  CHECK(student.excess == Approx((0.5 - 1.0 / 3.0) / spread));
  // e(student, hub) = 0.6 - mean(0.6, 0.6, 0.6) = 0: the runner-up.
  CHECK(student.runner_up == "hub");
  CHECK(student.runner_up_excess == Approx(0.0).margin(1e-12));
  CHECK(student.margin == Approx(student.excess - student.runner_up_excess));
}

TEST_CASE("Scaling by spread lets measures on different scales count alike") {
  PanelSimilarity panel = HubPanel();
  MeasureMatrix scaled = panel.measures[0];
  for (double& v : scaled.mean) v *= 10;  // same ranking, ten times the scale
  panel.measures.push_back(scaled);
  const NearestRow& both = Row(RelativeNearest(panel), "student");
  const NearestRow& one = Row(RelativeNearest(HubPanel()), "student");
  CHECK(both.closest == one.closest);
  CHECK(both.excess == Approx(one.excess));
}

TEST_CASE("Panels of fewer than three models are reported as insufficient") {
  const NearestTable table = RelativeNearest(Panel({"a", "b"}, {{0, 0.5}, {0.5, 0}}));
  CHECK(table.insufficient_panel);
  CHECK(table.rows.empty());
}

TEST_CASE("Pairs without data are skipped as candidates") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  PanelSimilarity panel = Panel({"a", "b", "c"}, {{0, nan, 0.9}, {nan, 0, 0.1}, {0.9, 0.1, 0}});
  const NearestTable table = RelativeNearest(panel);
  const NearestRow& a = Row(table, "a");
  CHECK(a.found);
  CHECK(a.closest == "c");
  CHECK(a.runner_up.empty());
  CHECK(a.margin == 0);
}

TEST_CASE("Students come out nearest their teachers on real text despite a hub") {
  using testing::OkRecord;
  RunData run;
  // The hub answers with the generic words everyone uses; the teacher and its student
  // share a distinctive phrasing; the others answer in their own words.
  const std::vector<std::string> topics = {"rivers", "stars", "bread", "chess", "music"};
  for (const std::string& topic : topics) {
    const std::string generic = "sure here is a clear answer about " + topic + " with details";
    run.records.push_back(OkRecord("hub", topic, 0, generic));
    run.records.push_back(OkRecord(
        "teacher", topic, 0, "certainly my friend " + topic + " delight curious minds here is a clear answer"));
    run.records.push_back(OkRecord(
        "student", topic, 0, "certainly my friend " + topic + " delight curious minds sure with details"));
    run.records.push_back(OkRecord("other1", topic, 0, "well " + topic + " are a clear answer with details"));
    run.records.push_back(OkRecord("other2", topic, 0, "sure here is " + topic + " explained clearly with details"));
  }
  const PanelSimilarity similarity =
      ComputePanelSimilarity(CollectPanelAnswers(run), BuiltinMeasures(), 1);
  const NearestTable table = RelativeNearest(similarity);
  CHECK(Row(table, "student").closest == "teacher");
  CHECK(Row(table, "teacher").closest == "student");
}

}  // namespace
}  // namespace kinship
