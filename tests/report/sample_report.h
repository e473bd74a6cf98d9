// A small fixed PanelReport for the renderer golden tests.
#pragma once

#include <limits>

#include "harness/report/panel_report.h"

namespace kinship::testing {

inline PanelReport SampleReport() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  PanelReport report;
  report.run_id = "2024-05-01-demo";
  report.suites = {{"demo", "1.2"}, {"extra", ""}};
  report.models = {{"teacher", 4, 0, 12.5}, {"student", 3, 1, 10.0}, {"模型", 4, 0, 8.4}};
  report.prompts = 2;
  ReportMatrix matrix;
  matrix.measure = "first-words";
  matrix.summary = "share of the first 5 word tokens that agree";
  matrix.values = {0.9, 0.8, 0.1, 0.8, nan, 0.2, 0.1, 0.2, 1.0};
  matrix.n = {2, 2, 2, 2, 0, 1, 2, 1, 2};
  report.matrices.push_back(matrix);
  NearestRow teacher{"teacher", true, "student", 1.5, "模型", -0.25, 1.75, "student"};
  NearestRow student{"student", true, "teacher", 1.25, "模型", -0.5, 1.75, "teacher"};
  NearestRow cjk{"模型", false, "", 0, "", 0, 0, "student"};
  report.nearest.rows = {teacher, student, cjk};
  ReportExample example;
  example.prompt = "demo/capital";
  example.question = "Capital of Kazakhstan?";
  example.answers = {{"teacher", true, "Astana."}, {"student", false, "HTTP 500"},
                     {"模型", true, "阿斯塔纳。"}};
  report.examples.push_back(example);
  return report;
}

// The verdict details a provenance row carries besides its numbers: a ranking-only signal,
// rank 1 of its suspect, 3 of 4 controls beaten, its wording, reason and direction line.
inline void AddVerdictDetails(ReportProvenance* verdict) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  verdict->signals.push_back({"stylometric-separability", nan, nan, 2.5, "ranking only"});
  verdict->rank = 1;
  verdict->evidence_z = 2.9;
  verdict->controls_beaten = 3;
  verdict->controls_total = 4;
  verdict->wording = "Moderate evidence: " + verdict->suspect +
                     "'s outputs are consistent with training on " + verdict->candidate +
                     "-derived data.";
  verdict->reason = "combined p = 0.0002";
  verdict->direction = "direction undetermined (0 of 1 asymmetric cues agree, 3 needed)";
}

}  // namespace kinship::testing
