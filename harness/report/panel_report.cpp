#include "harness/report/panel_report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>
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

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int IntField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

ReportRunInfo RunInfo(const RunData& run) {
  ReportRunInfo info;
  info.status = StringField(run.manifest, "status");
  info.started_at = StringField(run.manifest, "started_at");
  info.finished_at = StringField(run.manifest, "finished_at");
  if (run.manifest.is_object() && run.manifest.contains("tool")) {
    info.tool_version = StringField(run.manifest["tool"], "version");
  }
  info.planned = IntField(run.manifest, "planned");
  info.records = static_cast<int>(run.records.size());
  return info;
}

// Linear-interpolated quantile of sorted values; NaN when empty.
double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const std::size_t low = static_cast<std::size_t>(std::floor(pos));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (pos - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

int LengthBin(std::size_t chars) {
  int bin = 0;
  while (bin < kLengthBins - 1 && static_cast<int>(chars) > kLengthBinEdges[bin]) ++bin;
  return bin;
}

bool IsEmoji(char32_t cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x1F000 && cp <= 0x1F2FF);
}

// Which habits one answer shows, as 0/1 in ReportHabits' field order.
struct HabitFlags {
  bool headings = false, bullets = false, numbered = false, bold = false, code_blocks = false,
       tables = false, emoji = false, questions = false;
};

HabitFlags DetectHabits(std::string_view text) {
  HabitFlags flags;
  flags.bold = text.find("**") != std::string_view::npos || text.find("__") != std::string_view::npos;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) ++indent;
    const std::string_view body = line.substr(indent);
    std::size_t hashes = 0;
    while (hashes < body.size() && body[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && hashes < body.size() && body[hashes] == ' ') {
      flags.headings = true;
    }
    if (body.size() >= 2 && (body[0] == '-' || body[0] == '*' || body[0] == '+') &&
        body[1] == ' ') {
      flags.bullets = true;
    }
    std::size_t digits = 0;
    while (digits < body.size() && body[digits] >= '0' && body[digits] <= '9') ++digits;
    if (digits > 0 && digits + 1 < body.size() && (body[digits] == '.' || body[digits] == ')') &&
        body[digits + 1] == ' ') {
      flags.numbered = true;
    }
    if (body.starts_with("```") || body.starts_with("~~~")) flags.code_blocks = true;
    if (body.size() >= 2 && body.front() == '|' && body.back() == '|') flags.tables = true;
    start = end + 1;
  }
  for (std::size_t pos = 0; pos < text.size() && !flags.emoji;) {
    flags.emoji = IsEmoji(DecodeUtf8(text, &pos));
  }
  std::string_view trimmed = text;
  while (!trimmed.empty() && std::string_view(" \t\r\n").find(trimmed.back()) != std::string_view::npos) {
    trimmed.remove_suffix(1);
  }
  flags.questions = !trimmed.empty() && (trimmed.back() == '?' || trimmed.ends_with("？"));
  return flags;
}

struct ModelTally {
  std::vector<double> lengths;
  std::vector<double> latencies;
  int headings = 0, bullets = 0, numbered = 0, bold = 0, code_blocks = 0, tables = 0,
      emoji = 0, questions = 0;
  std::map<std::string, int> error_kinds;
};

void AddTokens(std::int64_t value, std::int64_t* total) {
  if (value < 0) return;
  *total = *total < 0 ? value : *total + value;
}

void FillModelCard(const ModelTally& tally, ReportModel* model) {
  model->length_histogram.assign(kLengthBins, 0);
  for (double length : tally.lengths) {
    ++model->length_histogram[LengthBin(static_cast<std::size_t>(length))];
  }
  std::vector<double> lengths = tally.lengths;
  std::sort(lengths.begin(), lengths.end());
  model->length_p10 = Quantile(lengths, 0.10);
  model->length_p50 = Quantile(lengths, 0.50);
  model->length_p90 = Quantile(lengths, 0.90);
  const double ok = model->ok;
  auto share = [&](int count) { return ok > 0 ? count / ok : kNaN; };
  model->habits = {share(tally.headings), share(tally.bullets), share(tally.numbered),
                   share(tally.bold),     share(tally.code_blocks), share(tally.tables),
                   share(tally.emoji),    share(tally.questions)};
  std::vector<double> latencies = tally.latencies;
  std::sort(latencies.begin(), latencies.end());
  double sum = 0;
  for (double latency : latencies) sum += latency;
  model->latency_mean_ms = latencies.empty() ? kNaN : sum / static_cast<double>(latencies.size());
  model->latency_p50_ms = Quantile(latencies, 0.50);
  model->latency_p95_ms = Quantile(latencies, 0.95);
  for (const auto& [kind, count] : tally.error_kinds) model->error_kinds.push_back({kind, count});
  std::stable_sort(model->error_kinds.begin(), model->error_kinds.end(),
                   [](const ReportErrorKind& a, const ReportErrorKind& b) { return a.count > b.count; });
}

double CostUsd(const RunData& run, const std::string& model) {
  if (!run.manifest.is_object() || !run.manifest.contains("counters")) return kNaN;
  const nlohmann::json& counters = run.manifest["counters"];
  if (!counters.is_object() || !counters.contains(model)) return kNaN;
  const nlohmann::json& entry = counters[model];
  if (!entry.is_object() || !entry.contains("cost_usd") || !entry["cost_usd"].is_number()) {
    return kNaN;
  }
  return entry["cost_usd"].get<double>();
}

// For one prompt, each model's first ok sample (else its first error), chosen by sample
// index so the choice does not depend on record order.
ReportExample MakeExample(const PanelSimilarity& similarity,
                          const std::unordered_map<std::string, std::size_t>& model_index,
                          const std::vector<std::vector<const ResponseRecord*>>& by_prompt,
                          const std::unordered_map<std::string, std::string>& questions,
                          std::size_t p) {
  ReportExample example;
  example.prompt = similarity.prompts[p];
  if (const auto it = questions.find(example.prompt); it != questions.end()) {
    example.question = it->second;
  }
  std::map<std::size_t, const ResponseRecord*> chosen;  // by model index
  for (const ResponseRecord* record : by_prompt[p]) {
    const auto it = model_index.find(record->model);
    if (it == model_index.end()) continue;
    const ResponseRecord*& current = chosen[it->second];
    const bool better = current == nullptr || (record->ok() && !current->ok()) ||
                        (record->ok() == current->ok() && record->sample < current->sample);
    if (better) current = record;
  }
  for (const auto& [m, record] : chosen) {
    example.answers.push_back(
        {similarity.models[m], record->ok(), record->ok() ? record->output : record->error});
  }
  return example;
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
  report.run = RunInfo(run);
  std::vector<double> total_chars(report.models.size(), 0);
  std::vector<ModelTally> tallies(report.models.size());
  for (const ResponseRecord& record : run.records) {
    const auto it = model_index.find(record.model);
    if (it == model_index.end()) continue;
    ReportModel& model = report.models[it->second];
    ModelTally& tally = tallies[it->second];
    AddTokens(record.input_tokens, &model.input_tokens);
    AddTokens(record.output_tokens, &model.output_tokens);
    AddTokens(record.reasoning_tokens, &model.reasoning_tokens);
    tally.latencies.push_back(record.latency_ms);
    if (record.cached) ++model.cached;
    if (record.attempts > 1) ++model.retried;
    if (record.ok()) {
      ++model.ok;
      const double chars = static_cast<double>(CodePointCount(record.output));
      total_chars[it->second] += chars;
      tally.lengths.push_back(chars);
      const HabitFlags flags = DetectHabits(record.output);
      tally.headings += flags.headings;
      tally.bullets += flags.bullets;
      tally.numbered += flags.numbered;
      tally.bold += flags.bold;
      tally.code_blocks += flags.code_blocks;
      tally.tables += flags.tables;
      tally.emoji += flags.emoji;
      tally.questions += flags.questions;
    } else {
      ++model.errors;
      ++tally.error_kinds[record.error_kind.empty() ? "unknown" : record.error_kind];
    }
  }
  for (std::size_t m = 0; m < report.models.size(); ++m) {
    ReportModel& model = report.models[m];
    model.mean_output_chars =
        model.ok > 0 ? total_chars[m] / model.ok : std::numeric_limits<double>::quiet_NaN();
    FillModelCard(tallies[m], &model);
    model.cost_usd = CostUsd(run, model.name);
  }

  for (const MeasureMatrix& matrix : similarity.measures) {
    report.matrices.push_back({matrix.measure, matrix.summary, matrix.mean, matrix.n});
  }

  // Records grouped by prompt once, so answers for every prompt cost one pass.
  std::unordered_map<std::string, std::size_t> prompt_index;
  for (std::size_t p = 0; p < similarity.prompts.size(); ++p) {
    prompt_index.emplace(similarity.prompts[p], p);
  }
  std::vector<std::vector<const ResponseRecord*>> by_prompt(similarity.prompts.size());
  for (const ResponseRecord& record : run.records) {
    const auto it = prompt_index.find(PromptKey(record.suite, record.prompt_id));
    if (it != prompt_index.end()) by_prompt[it->second].push_back(&record);
  }
  std::unordered_map<std::string, std::string> questions;
  for (const Prompt& prompt : run.prompts) {
    questions.emplace(PromptKey(prompt.suite, prompt.id), Question(prompt));  // first wins
  }
  for (std::size_t p = 0; p < similarity.prompts.size(); ++p) {
    report.prompt_answers.push_back(
        MakeExample(similarity, model_index, by_prompt, questions, p));
  }
  const std::size_t count =
      std::min<std::size_t>(similarity.prompts.size(), static_cast<std::size_t>(
                                                           std::max(0, max_examples)));
  report.examples.assign(report.prompt_answers.begin(),
                         report.prompt_answers.begin() + static_cast<std::ptrdiff_t>(count));
  return report;
}

}  // namespace kinship
