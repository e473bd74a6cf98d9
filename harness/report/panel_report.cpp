#include "harness/report/panel_report.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "harness/analysis/panel_answers.h"
#include "harness/core/utf8.h"
#include "harness/run/run_reader.h"

namespace kinship {

namespace {

std::string StringField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The manifest format is results/README.md; a missing field falls back to what the
// folder itself says, so a hand-assembled run still reports.
std::string RunId(const RunData& run) {
  std::string id = StringField(run.manifest, "run_id");
  return id.empty() ? run.dir.filename().string() : id;
}

std::vector<ReportSuite> Suites(const RunData& run) {
  std::vector<ReportSuite> suites;
  if (run.manifest.is_object() && run.manifest.contains("suites") &&
      run.manifest["suites"].is_array()) {
    for (const nlohmann::json& entry : run.manifest["suites"]) {
      const std::string name = StringField(entry, "name");
      if (!name.empty()) suites.push_back({name, StringField(entry, "version")});
    }
  }
  if (!suites.empty()) return suites;
  for (const Prompt& prompt : run.prompts) {
    const bool seen = std::any_of(suites.begin(), suites.end(),
                                  [&](const ReportSuite& s) { return s.name == prompt.suite; });
    if (!seen) suites.push_back({prompt.suite, ""});
  }
  return suites;
}

std::string Question(const Prompt& prompt) {
  for (auto it = prompt.messages.rbegin(); it != prompt.messages.rend(); ++it) {
    if (it->role == Role::kUser) return it->content;
  }
  return "";
}

}  // namespace

PanelReport BuildPanelReport(const RunData& run, const PanelSimilarity& similarity,
                             const NearestTable& nearest, int max_examples) {
  PanelReport report;
  report.run_id = RunId(run);
  report.suites = Suites(run);
  report.prompts = static_cast<int>(similarity.prompts.size());
  report.nearest = nearest;

  std::unordered_map<std::string, std::size_t> model_index;
  for (std::size_t m = 0; m < similarity.models.size(); ++m) {
    model_index.emplace(similarity.models[m], m);
    ReportModel model;
    model.name = similarity.models[m];
    report.models.push_back(model);
  }
  std::vector<double> total_chars(report.models.size(), 0);
  for (const ResponseRecord& record : run.records) {
    const auto it = model_index.find(record.model);
    if (it == model_index.end()) continue;
    ReportModel& model = report.models[it->second];
    if (record.ok()) {
      ++model.ok;
      total_chars[it->second] += static_cast<double>(CodePointCount(record.output));
    } else {
      ++model.errors;
    }
  }
  for (std::size_t m = 0; m < report.models.size(); ++m) {
    ReportModel& model = report.models[m];
    model.mean_output_chars =
        model.ok > 0 ? total_chars[m] / model.ok : std::numeric_limits<double>::quiet_NaN();
  }

  for (const MeasureMatrix& matrix : similarity.measures) {
    report.matrices.push_back({matrix.measure, matrix.summary, matrix.mean, matrix.n});
  }

  // Examples: for each of the first prompts, each model's first ok sample (else its first
  // error), chosen by sample index so the choice does not depend on record order.
  const std::size_t count =
      std::min<std::size_t>(similarity.prompts.size(), static_cast<std::size_t>(
                                                           std::max(0, max_examples)));
  for (std::size_t p = 0; p < count; ++p) {
    ReportExample example;
    example.prompt = similarity.prompts[p];
    for (const Prompt& prompt : run.prompts) {
      if (PromptKey(prompt.suite, prompt.id) == example.prompt) {
        example.question = Question(prompt);
        break;
      }
    }
    std::map<std::size_t, const ResponseRecord*> chosen;  // by model index
    for (const ResponseRecord& record : run.records) {
      const auto it = model_index.find(record.model);
      if (it == model_index.end() || PromptKey(record.suite, record.prompt_id) != example.prompt) {
        continue;
      }
      const ResponseRecord*& current = chosen[it->second];
      const bool better = current == nullptr || (record.ok() && !current->ok()) ||
                          (record.ok() == current->ok() && record.sample < current->sample);
      if (better) current = &record;
    }
    for (const auto& [m, record] : chosen) {
      example.answers.push_back(
          {similarity.models[m], record->ok(), record->ok() ? record->output : record->error});
    }
    report.examples.push_back(std::move(example));
  }
  return report;
}

}  // namespace kinship
