#include "harness/report/json_report.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "harness/report/hierarchical_clustering.h"

namespace kinship {

namespace {

using Json = nlohmann::ordered_json;

Json Number(double value) { return std::isnan(value) ? Json(nullptr) : Json(value); }
Json Tokens(std::int64_t value) { return value < 0 ? Json(nullptr) : Json(value); }

Json ModelJson(const ReportModel& model) {
  Json habits = {{"headings", Number(model.habits.headings)},
                 {"bullets", Number(model.habits.bullets)},
                 {"numbered", Number(model.habits.numbered)},
                 {"bold", Number(model.habits.bold)},
                 {"code_blocks", Number(model.habits.code_blocks)},
                 {"tables", Number(model.habits.tables)},
                 {"emoji", Number(model.habits.emoji)},
                 {"questions", Number(model.habits.questions)}};
  Json kinds = Json::array();
  for (const ReportErrorKind& kind : model.error_kinds) {
    kinds.push_back({{"kind", kind.kind}, {"count", kind.count}});
  }
  return {{"name", model.name},
          {"ok", model.ok},
          {"errors", model.errors},
          {"mean_output_chars", Number(model.mean_output_chars)},
          {"length", {{"histogram", model.length_histogram},
                      {"p10", Number(model.length_p10)},
                      {"p50", Number(model.length_p50)},
                      {"p90", Number(model.length_p90)}}},
          {"habits", habits},
          {"tokens", {{"input", Tokens(model.input_tokens)},
                      {"output", Tokens(model.output_tokens)},
                      {"reasoning", Tokens(model.reasoning_tokens)}}},
          {"cost_usd", Number(model.cost_usd)},
          {"latency_ms", {{"mean", Number(model.latency_mean_ms)},
                          {"p50", Number(model.latency_p50_ms)},
                          {"p95", Number(model.latency_p95_ms)}}},
          {"cached", model.cached},
          {"retried", model.retried},
          {"error_kinds", kinds}};
}

Json MatrixJson(const ReportMatrix& matrix, std::size_t models) {
  Json values = Json::array(), n = Json::array();
  for (std::size_t a = 0; a < models; ++a) {
    Json value_row = Json::array(), n_row = Json::array();
    for (std::size_t b = 0; b < models; ++b) {
      value_row.push_back(Number(matrix.values[a * models + b]));
      n_row.push_back(matrix.n[a * models + b]);
    }
    values.push_back(value_row);
    n.push_back(n_row);
  }
  const Clustering clustering = ClusterAverageLinkage(matrix.values, models);
  Json merges = Json::array();
  for (const ClusterMerge& merge : clustering.merges) {
    merges.push_back({merge.left, merge.right, merge.height, merge.size});
  }
  return {{"measure", matrix.measure}, {"summary", matrix.summary}, {"values", values},
          {"n", n}, {"order", clustering.order}, {"merges", merges}};
}

Json NearestJson(const NearestTable& nearest) {
  Json rows = Json::array();
  for (const NearestRow& row : nearest.rows) {
    rows.push_back({{"model", row.model},
                    {"found", row.found},
                    {"closest", row.found ? Json(row.closest) : Json(nullptr)},
                    {"excess", row.found ? Number(row.excess) : Json(nullptr)},
                    {"runner_up", row.runner_up.empty() ? Json(nullptr) : Json(row.runner_up)},
                    {"runner_up_excess",
                     row.runner_up.empty() ? Json(nullptr) : Number(row.runner_up_excess)},
                    {"margin", row.runner_up.empty() ? Json(nullptr) : Number(row.margin)},
                    {"raw_nearest", row.raw_nearest.empty() ? Json(nullptr) : Json(row.raw_nearest)}});
  }
  return {{"insufficient_panel", nearest.insufficient_panel}, {"rows", rows}};
}

Json ProvenanceJson(const ReportProvenance& p) {
  Json signals = Json::array();
  for (const ReportSignal& signal : p.signals) {
    signals.push_back({{"name", signal.name},
                       {"p_value", Number(signal.p_value)},
                       {"effect", Number(signal.effect)},
                       {"z", Number(signal.z)},
                       {"note", signal.note}});
  }
  return {{"suspect", p.suspect},
          {"candidate", p.candidate},
          {"verdict", p.verdict},
          {"probability", Number(p.probability)},
          {"p_value", Number(p.p_value)},
          {"effect", Number(p.effect)},
          {"ci95", {Number(p.ci95_low), Number(p.ci95_high)}},
          {"signals", signals},
          {"evidence_phrases", p.evidence_phrases},
          {"identity_claims", p.identity_claims},
          {"rank", p.rank},
          {"evidence_z", Number(p.evidence_z)},
          {"controls_beaten", p.controls_beaten},
          {"controls_total", p.controls_total},
          {"wording", p.wording},
          {"reason", p.reason},
          {"direction", p.direction.empty() ? Json(nullptr) : Json(p.direction)}};
}

Json ExamplesJson(const std::vector<ReportExample>& examples) {
  Json out = Json::array();
  for (const ReportExample& example : examples) {
    Json answers = Json::array();
    for (const ReportAnswer& answer : example.answers) {
      answers.push_back({{"model", answer.model}, {"ok", answer.ok}, {"text", answer.text}});
    }
    out.push_back(
        {{"prompt", example.prompt}, {"question", example.question}, {"answers", answers}});
  }
  return out;
}

}  // namespace

std::string RenderJsonWith(const PanelReport& report, const JsonReportOptions& options) {
  const std::size_t models = report.models.size();
  Json doc;
  doc["format"] = "kinship-report/1";
  doc["run_id"] = report.run_id;
  doc["run"] = {{"status", report.run.status},
                {"started_at", report.run.started_at},
                {"finished_at", report.run.finished_at},
                {"tool_version", report.run.tool_version},
                {"planned", report.run.planned},
                {"records", report.run.records}};
  Json suites = Json::array();
  for (const ReportSuite& suite : report.suites) {
    suites.push_back({{"name", suite.name}, {"version", suite.version}});
  }
  doc["suites"] = suites;
  doc["prompts"] = report.prompts;
  doc["length_bin_edges"] = kLengthBinEdges;
  Json model_list = Json::array();
  for (const ReportModel& model : report.models) model_list.push_back(ModelJson(model));
  doc["models"] = model_list;
  Json matrices = Json::array();
  for (const ReportMatrix& matrix : report.matrices) matrices.push_back(MatrixJson(matrix, models));
  doc["matrices"] = matrices;
  doc["nearest"] = NearestJson(report.nearest);
  Json provenance = Json::array();
  for (const ReportProvenance& p : report.provenance) provenance.push_back(ProvenanceJson(p));
  doc["provenance"] = provenance;
  doc["provenance_confounders"] = report.provenance_confounders;
  doc["examples"] = ExamplesJson(report.examples);
  if (options.all_answers) doc["answers"] = ExamplesJson(report.prompt_answers);
  std::string text = doc.dump(options.indent, ' ', false, Json::error_handler_t::replace);
  if (options.indent >= 0) text += '\n';
  return text;
}

std::string RenderJson(const PanelReport& report) { return RenderJsonWith(report, {}); }

}  // namespace kinship
