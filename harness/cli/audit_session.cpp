#include "harness/cli/audit_session.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "adapters/adapter_registry.h"
#include "harness/audit/audit_budget.h"
#include "harness/audit/audit_panel_check.h"
#include "harness/audit/cross_continuation.h"
#include "harness/cli/model_resolver.h"
#include "harness/cli/report_provenance.h"
#include "harness/cli/report_session.h"
#include "harness/cli/run_flags.h"
#include "harness/cli/terminal_confirm.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"
#include "harness/core/file_io.h"
#include "harness/provenance/provenance_format.h"
#include "harness/provenance/provenance_query.h"
#include "harness/provenance/verdict.h"
#include "harness/run/run_reader.h"
#include "harness/run/run_union.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

namespace {

constexpr const char* kAuditFile = "audit.json";
constexpr const char* kAuditFormat = "kinship-audit/1";
constexpr const char* kPhaseTwoDir = "cross-continuation";
constexpr const char* kSourceSuite = "chat";

bool HoldsRun(const std::filesystem::path& dir) {
  return !dir.empty() && std::filesystem::exists(dir / "manifest.json");
}

// What defines an audit: the same values continue it, others are refused.
nlohmann::json AuditSettings(const AuditRequest& request) {
  return {{"format", kAuditFormat},
          {"suspect", request.suspect},
          {"candidates", request.candidates},
          {"controls", request.controls},
          {"budget", request.budget},
          {"seed", request.seed ? nlohmann::json(*request.seed) : nlohmann::json(nullptr)}};
}

void CheckSameAudit(const std::filesystem::path& dir, const nlohmann::json& settings) {
  if (!std::filesystem::exists(dir / kAuditFile)) {
    throw ConfigError("--out: " + dir.string() +
                      " holds a run that is not an audit; choose another folder");
  }
  const auto recorded = nlohmann::json::parse(ReadFileOrThrow(dir / kAuditFile));
  for (const auto& [key, value] : settings.items()) {
    if (recorded.value(key, nlohmann::json()) != value) {
      throw ConfigError(fmt::format(
          "--out: {} holds another audit (its {} is {}, not {}); give the same settings to "
          "continue it, or choose another folder",
          dir.string(), key, recorded.value(key, nlohmann::json()).dump(), value.dump()));
    }
  }
}

// The panel: the suspect, then the candidates, then the controls.
std::vector<ModelConfig> ResolvePanel(const AuditRequest& request) {
  if (request.suspect.empty()) {
    throw ConfigError(SourceLocation{}, "--suspect", "missing; name the model to examine");
  }
  if (request.candidates.empty()) {
    throw ConfigError(SourceLocation{}, "--candidate",
                      "missing; name at least one candidate teacher");
  }
  std::vector<std::string> names = {request.suspect};
  names.insert(names.end(), request.candidates.begin(), request.candidates.end());
  names.insert(names.end(), request.controls.begin(), request.controls.end());
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (!seen.insert(name).second) {
      throw ConfigError("model '" + name +
                        "' is named twice; the suspect, each candidate and each control are "
                        "different models");
    }
  }
  // Resolved role by role, so an unknown name is reported under the flag that gave it.
  std::vector<ModelConfig> panel = ResolveModels({request.suspect}, request.models_file, "--suspect");
  for (const auto& [flag, role] : {std::pair{"--candidate", &request.candidates},
                                   std::pair{"--control", &request.controls}}) {
    if (role->empty()) continue;
    auto models = ResolveModels(*role, request.models_file, flag);
    panel.insert(panel.end(), std::make_move_iterator(models.begin()),
                 std::make_move_iterator(models.end()));
  }
  return panel;
}

// What both phases share: the panel, the sampling protocol, the seed and how to execute.
RunRequest AuditRunRequest(const AuditRequest& request, const std::vector<ModelConfig>& models,
                           const std::filesystem::path& dir) {
  RunRequest run;
  run.models = models;
  run.out_dir = dir;
  run.tag = "audit";
  run.plan.greedy_first_sample = true;
  if (request.seed) run.plan.overrides.seed = *request.seed;
  run.execution = request.execution;
  run.argv = request.argv;
  return run;
}

// Phase 1: the budget's probe suites, each cut to its first test prompts.
RunRequest PhaseOneRequest(const AuditRequest& request, const AuditBudget& budget,
                           const std::vector<ModelConfig>& models, const std::filesystem::path& dir) {
  RunRequest run = AuditRunRequest(request, models, dir);
  for (const auto& suite : budget.suites) {
    run.suites.push_back(suite.suite);
    run.selections[suite.suite] = PromptSelection{"test", suite.prompts, 1 + suite.sampled};
  }
  return run;
}

// What the second phase can cost at most before the first has answered: every model
// continuing a longest-possible prefix of every model's answer to each source prompt.
std::vector<ModelBudget> PhaseTwoBound(const PreparedRun& phase_one, int source_prompts) {
  std::vector<Prompt> sources;
  for (const auto& prompt : phase_one.prompts) {
    if (prompt.suite == kSourceSuite && static_cast<int>(sources.size()) < source_prompts) {
      sources.push_back(prompt);
    }
  }
  std::vector<std::string> names;
  for (const auto& model : phase_one.manifest.models) names.push_back(model.name);
  const std::vector<Prompt> bound = CrossContinuationBound(sources, names);
  PlanOptions plan;
  plan.greedy_first_sample = true;
  const auto items =
      BuildPlan(phase_one.manifest.models, bound, std::vector<int>(bound.size(), 1), plan);
  return PlanBudget(phase_one.manifest.models, bound, items);
}

// Row by row (the same panel order): a + b.
std::vector<ModelBudget> AddBudgets(std::vector<ModelBudget> a, const std::vector<ModelBudget>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    a[i].requests += b[i].requests;
    a[i].max_input_tokens += b[i].max_input_tokens;
    a[i].max_output_tokens += b[i].max_output_tokens;
    if (a[i].max_cost_usd && b[i].max_cost_usd) *a[i].max_cost_usd += *b[i].max_cost_usd;
  }
  return a;
}

struct SpendBound {
  long long remote_requests = 0;  // to real backends (cacheable adapters: all but sim, echo, replay)
  double cost_usd = 0;            // models with a price
};

SpendBound Spend(const std::vector<ModelConfig>& models, const std::vector<ModelBudget>& budget) {
  SpendBound spend;
  for (std::size_t i = 0; i < models.size() && i < budget.size(); ++i) {
    if (FindAdapter(models[i].adapter).cacheable) spend.remote_requests += budget[i].requests;
    spend.cost_usd += budget[i].max_cost_usd.value_or(0);
  }
  return spend;
}

// True when the audit may go ahead; prints why not otherwise.
bool Confirmed(const AuditRequest& request, const SpendBound& spend) {
  const bool above = spend.remote_requests > request.confirm_above_requests ||
                     spend.cost_usd > request.confirm_above_usd;
  if (!above || request.yes) return true;
  const std::string what = fmt::format(
      "{} requests to real backends, cost <= ${:.2f} (thresholds: --confirm-above {:g} USD, "
      "--confirm-requests {})",
      spend.remote_requests, spend.cost_usd, request.confirm_above_usd,
      request.confirm_above_requests);
  switch (AskYesNo("kinship: send " + what + "?")) {
    case Confirmation::kYes:
      return true;
    case Confirmation::kNo:
      fmt::print(stderr, "kinship: audit cancelled; nothing was sent\n");
      return false;
    case Confirmation::kNoTerminal:
      fmt::print(stderr,
                 "kinship: error: this audit needs confirmation ({}), and stdin is not a "
                 "terminal to ask on; add --yes to go ahead. Nothing was sent.\n",
                 what);
      return false;
  }
  return false;
}

int IndexOf(const std::vector<std::string>& models, const std::string& name) {
  auto it = std::find(models.begin(), models.end(), name);
  if (it == models.end()) {
    throw std::runtime_error("model '" + name + "' has no answers in the audit; nothing to analyse");
  }
  return static_cast<int>(it - models.begin());
}

// The audit's question by model names, as indices into the panel.
ProvenanceQuery AuditQuery(const SignalPanel& panel, const std::string& suspect,
                           const std::vector<std::string>& candidates,
                           const std::vector<std::string>& controls) {
  const auto& names = panel.answers.models;
  ProvenanceQuery query;
  query.suspect = IndexOf(names, suspect);
  for (const auto& name : candidates) query.candidates.push_back(IndexOf(names, name));
  for (const auto& name : controls) query.controls.push_back(IndexOf(names, name));
  return query;
}

// Per candidate T, the question on the prompts cut from T's own answers only: does the
// suspect continue T's text the way T itself does, more than the controls do? Printed as a
// table and written to DIR/cross-continuation-provenance.json (one Provenance JSON object
// per candidate).
void CrossContinuationVerdicts(const RunData& phase_two, const AuditRequest& request,
                               const ProvenanceOptions& options, const std::filesystem::path& dir) {
  nlohmann::json all = nlohmann::json::array();
  std::string table = fmt::format(
      "\nCross-continuation: does {} continue each candidate's own text the way the candidate "
      "does?\n  {:<28} {:>7}  {:<13} {:>5} {:>9}\n",
      request.suspect, "candidate", "prompts", "verdict", "P", "p");
  for (const auto& candidate : request.candidates) {
    const RunData part = CrossContinuationFrom(phase_two, candidate);
    const SignalPanel panel = BuildSignalPanel(part, options.threads);
    const auto verdicts =
        RunProvenance(panel, {AuditQuery(panel, request.suspect, {candidate}, request.controls)},
                      options);
    const CandidateVerdict& verdict = verdicts.front().candidates.front();
    table += fmt::format("  {:<28} {:>7}  {:<13} {:>5.2f} {:>9.2g}\n", candidate,
                         part.prompts.size(), VerdictName(verdict.verdict), verdict.probability,
                         verdict.p_value);
    all.push_back(ProvenanceJson(verdicts.front()));
  }
  WriteFileAtomically(dir / "cross-continuation-provenance.json", all.dump(2) + "\n");
  fmt::print("{}", table);
}

// Returns the exit code of the phase; prints the summary when it did not complete.
int RunPhase(PreparedRun prepared, const AuditRequest& request, const std::string& hint) {
  if (prepared.resume && prepared.items.empty()) return kExitOk;
  RunResult result = ExecuteRun(std::move(prepared), request.execution);
  if (result.exit_code != kExitOk || !request.execution.quiet) {
    PrintRunSummary(result, request.execution.quiet, hint);
  }
  return result.exit_code;
}

// Derives the cross-continuation suite from phase 1 and runs it into DIR/cross-continuation,
// or continues that run (`resumed`, prepared while the plan was priced) when it exists.
// Returns the exit code of the phase.
int RunPhaseTwo(const RunData& phase_one, std::optional<PreparedRun> resumed,
                const AuditRequest& request, const AuditBudget& budget,
                const std::vector<ModelConfig>& models, const std::filesystem::path& dir,
                const std::string& hint) {
  if (resumed) return RunPhase(std::move(*resumed), request, hint);
  const std::filesystem::path phase_two_dir = dir / kPhaseTwoDir;
  CrossContinuationOptions options;
  options.source_suite = kSourceSuite;
  options.max_source_prompts = static_cast<std::size_t>(budget.cross_continuation_prompts);
  const auto derived = DeriveCrossContinuation(phase_one, options);
  if (derived.empty()) {
    fmt::print(stderr, "kinship: warning: no answer was long enough to cut; the "
                       "cross-continuation phase is skipped\n");
    return kExitOk;
  }
  const auto suite = dir / (std::string(kCrossContinuationSuite) + ".yaml");
  WriteCrossContinuationSuite(suite, derived, dir.string());
  RunRequest run = AuditRunRequest(request, models, phase_two_dir);
  run.suites = {suite.string()};
  return RunPhase(PrepareRun(run), request, hint);
}

// The analysis of both phases: the provenance query, provenance.json, report.html, the
// per-candidate cross-continuation question; prints the verdicts and the paths.
void Analyse(std::vector<RunData> runs, const AuditRequest& request,
             const std::filesystem::path& dir) {
  // The second phase on its own, before the union takes it.
  const std::optional<RunData> phase_two =
      runs.size() > 1 ? std::optional<RunData>(runs.back()) : std::nullopt;

  const RunData run = UnionRuns(std::move(runs));
  ProvenanceOptions options;
  if (request.seed) options.seed = *request.seed;
  const SignalPanel panel = BuildSignalPanel(run, options.threads);
  const auto verdicts = RunProvenance(
      panel, {AuditQuery(panel, request.suspect, request.candidates, request.controls)}, options);
  WriteFileAtomically(dir / "provenance.json", ProvenanceJson(verdicts.front()).dump(2) + "\n");

  ReportRequest report;
  report.run_dir = dir;
  report.formats = {"html"};
  report.out = dir / "report.html";
  const ReportProvenanceResult provenance = ReportProvenanceFromVerdicts(panel, verdicts);
  const ReportResult written = MakeReportsForRun(run, report, &provenance);

  fmt::print("{}", ProvenanceText(verdicts));
  if (phase_two) CrossContinuationVerdicts(*phase_two, request, options, dir);
  fmt::print("\nRun:        {}\n", dir.string());
  fmt::print("Provenance: {}\n", (dir / "provenance.json").string());
  for (const auto& file : written.files) fmt::print("Report:     {}\n", file.string());
}

}  // namespace

int RunAudit(const AuditRequest& request) {
  const AuditBudget& budget = AuditBudgetByName(request.budget);
  const std::vector<ModelConfig> models = ResolvePanel(request);
  const std::vector<ModelConfig> controls(models.end() - static_cast<long>(request.controls.size()),
                                          models.end());
  for (const auto& warning : AuditPanelWarnings(models.front(), controls)) {
    fmt::print(stderr, "kinship: warning: {}\n", warning);
  }

  // Plan both phases; nothing is sent or written yet.
  const nlohmann::json settings = AuditSettings(request);
  const bool resume = HoldsRun(request.out_dir);
  if (resume) CheckSameAudit(request.out_dir, settings);
  const std::filesystem::path dir = resume ? request.out_dir : ChooseRunDir(request.out_dir, "audit");
  PreparedRun phase_one =
      resume ? PrepareResume(dir) : PrepareRun(PhaseOneRequest(request, budget, models, dir));
  std::vector<ModelBudget> spend = PreparedBudget(phase_one);
  const std::filesystem::path phase_two_dir = dir / kPhaseTwoDir;
  const bool two_phases = budget.cross_continuation_prompts > 0;
  std::optional<PreparedRun> phase_two;  // an earlier audit's second phase, to continue
  if (two_phases) {
    if (HoldsRun(phase_two_dir)) phase_two = PrepareResume(phase_two_dir);
    spend = AddBudgets(spend, phase_two ? PreparedBudget(*phase_two)
                                        : PhaseTwoBound(phase_one, budget.cross_continuation_prompts));
  }
  // The plan goes to stdout, like `run --dry-run`: it is part of the audit's record.
  if (!request.execution.quiet || request.dry_run) {
    fmt::print("kinship audit: {} budget, suspect {}, {} candidate(s), {} control(s){}\n",
               budget.name, request.suspect, request.candidates.size(), request.controls.size(),
               resume ? fmt::format("; continuing {}", dir.string()) : "");
    if (two_phases) {
      fmt::print("The second phase (cross-continuation) is counted at its upper bound: every "
                 "model continues\nthe first {} chat answers of every model, prefixes of at "
                 "most {} bytes.\n",
                 budget.cross_continuation_prompts, kMaxPrefixBytes);
    }
    fmt::print("{}", FormatBudget(spend));
    std::fflush(stdout);  // before the progress lines on stderr
  }
  if (request.dry_run) {
    fmt::print("dry run: nothing was sent{}\n", resume ? "" : " and no run directory was created");
    return kExitOk;
  }
  if (!Confirmed(request, Spend(models, spend))) return kExitUsage;

  // Phase 1: the probe suites.
  const std::string hint = fmt::format("the same kinship audit command with --out {}", dir.string());
  if (!resume) {
    std::filesystem::create_directories(dir);
    WriteFileAtomically(dir / kAuditFile, settings.dump(2) + "\n");
  }
  if (int code = RunPhase(std::move(phase_one), request, hint); code != kExitOk) return code;

  // Phase 2: every model continues every model's answers, cut halfway.
  std::vector<RunData> runs;
  runs.push_back(ReadRun(dir));
  if (two_phases) {
    const int code =
        RunPhaseTwo(runs.front(), std::move(phase_two), request, budget, models, dir, hint);
    if (code != kExitOk) return code;
    if (HoldsRun(phase_two_dir)) runs.push_back(ReadRun(phase_two_dir));
  }
  Analyse(std::move(runs), request, dir);
  return kExitOk;
}

}  // namespace kinship
