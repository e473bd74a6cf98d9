// kinship provenance: the relative provenance verdict for one or more suspects over one or
// more run directories (README.md, "Provenance"). Sends nothing.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "harness/audit/audit_panel_check.h"
#include "harness/cli/command.h"
#include "harness/cli/provenance_csv.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/exit_code.h"
#include "harness/provenance/provenance_format.h"
#include "harness/provenance/provenance_query.h"
#include "harness/run/run_reader.h"
#include "harness/run/run_union.h"
#include "harness/signals/builtin_signals.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

namespace {

int ResolveModel(const std::vector<std::string>& models, const std::string& name,
                 const std::string& flag) {
  auto it = std::find(models.begin(), models.end(), name);
  if (it == models.end()) {
    throw ConfigError(SourceLocation{}, "--" + flag,
                      "unknown model '" + name + "' (not in the run)" +
                          DidYouMean(name, models));
  }
  return static_cast<int>(it - models.begin());
}

std::vector<int> ResolveModels(const std::vector<std::string>& models,
                               const std::vector<std::string>& names, const std::string& flag) {
  std::vector<int> out;
  for (const auto& name : names) {
    const int index = ResolveModel(models, name, flag);
    if (std::find(out.begin(), out.end(), index) == out.end()) out.push_back(index);
  }
  return out;
}

// Each model's base-model family as the run manifests record it (models file `family:`);
// models without one are left out. The first run naming a model wins, as in UnionRuns.
std::map<std::string, std::string> RecordedFamilies(const std::vector<RunData>& runs) {
  std::map<std::string, std::string> families;
  for (const auto& run : runs) {
    const auto models = run.manifest.find("models");
    if (models == run.manifest.end() || !models->is_array()) continue;
    for (const auto& model : *models) {
      if (!model.is_object()) continue;
      const std::string name = model.value("name", "");
      const std::string family = model.value("family", "");
      if (!name.empty() && !family.empty()) families.emplace(name, family);
    }
  }
  return families;
}

// The "same base family" check of `kinship audit`, on the families the runs recorded: a
// warning when the suspect's family is known and none of its controls shares it.
void AddFamilyWarning(const std::map<std::string, std::string>& families, SuspectVerdict* v) {
  auto config = [&](const std::string& name) {
    ModelConfig model;
    model.name = name;
    const auto it = families.find(name);
    if (it != families.end()) model.family = it->second;
    return model;
  };
  std::vector<ModelConfig> controls;
  for (const auto& name : v->controls) controls.push_back(config(name));
  if (auto warning = FamilyControlWarning(config(v->suspect), controls)) {
    v->warnings.push_back(*warning);
  }
}

int ProvenanceMain(const ParsedFlags& flags) {
  if (flags.positionals.empty()) {
    throw ConfigError("provenance: give at least one RUN_DIR (see 'kinship provenance --help')");
  }
  const std::vector<std::string> suspects = flags.Values("suspect");
  if (suspects.empty()) {
    throw ConfigError(SourceLocation{}, "--suspect", "missing; name the model to examine");
  }
  const std::string format = flags.Value("format", "text");
  if (format != "text" && format != "json" && format != "markdown" && format != "csv") {
    throw ConfigError(SourceLocation{}, "--format",
                      "unknown format '" + format + "'" +
                          DidYouMean(format, {"text", "json", "markdown", "csv"}));
  }
  ProvenanceOptions options;
  for (const auto& name : flags.Values("signal")) {
    options.signals.push_back(std::string(SignalByName(name, "--signal").Name()));
  }
  if (auto seed = flags.Integer("seed", 0, 1LL << 62)) options.seed = static_cast<std::uint64_t>(*seed);
  if (auto threads = flags.Integer("threads", 1, 256)) options.threads = static_cast<unsigned>(*threads);

  std::vector<RunData> runs;
  for (const auto& dir : flags.positionals) runs.push_back(ReadRun(dir));
  const std::map<std::string, std::string> families = RecordedFamilies(runs);
  const RunData run = UnionRuns(std::move(runs));
  const SignalPanel panel = BuildSignalPanel(run, options.threads);
  const auto& models = panel.answers.models;

  std::vector<int> candidates = ResolveModels(models, flags.Values("candidate"), "candidate");
  std::vector<int> controls = ResolveModels(models, flags.Values("control"), "control");
  for (int c : controls) {
    // A control is the null a candidate is tested against: one model cannot be both.
    if (std::find(candidates.begin(), candidates.end(), c) != candidates.end()) {
      throw ConfigError(SourceLocation{}, "--control",
                        "'" + models[static_cast<std::size_t>(c)] +
                            "' is also a --candidate; a model is one or the other");
    }
  }
  std::vector<ProvenanceQuery> queries;
  for (const auto& name : suspects) {
    ProvenanceQuery query;
    query.suspect = ResolveModel(models, name, "suspect");
    query.candidates = candidates;
    query.controls = controls;
    std::erase(query.candidates, query.suspect);
    std::erase(query.controls, query.suspect);
    if (!candidates.empty() && query.candidates.empty()) {
      throw ConfigError(SourceLocation{}, "--candidate",
                        "the only candidate is the suspect '" + name + "' itself");
    }
    queries.push_back(std::move(query));
  }
  auto verdicts = RunProvenance(panel, queries, options);
  for (auto& v : verdicts) AddFamilyWarning(families, &v);
  if (format == "json" || format == "csv") {
    // The text and Markdown forms print warnings inline; JSON carries them in "warnings"
    // and repeats them on stderr so a script's user still sees them (CSV has no place for
    // them, so stderr is where they are).
    for (const auto& v : verdicts) {
      for (const auto& w : v.warnings) fmt::print(stderr, "kinship: warning: {}: {}\n", v.suspect, w);
    }
  }
  if (format == "csv") {
    fmt::print("{}", ProvenanceCsv(verdicts));
  } else if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : verdicts) out.push_back(ProvenanceJson(v));
    // One suspect: the object itself; several: the array (results/README.md).
    fmt::print("{}\n", (verdicts.size() == 1 ? out[0] : out).dump(2));
  } else if (format == "markdown") {
    fmt::print("{}", ProvenanceMarkdown(verdicts));
  } else {
    fmt::print("{}", ProvenanceText(verdicts));
  }
  return kExitOk;
}

}  // namespace

Command MakeProvenanceCommand() {
  Command command;
  command.name = "provenance";
  command.summary = "test whether a model was trained on another's outputs (sends nothing)";
  command.usage =
      "kinship provenance RUN_DIR... --suspect S [--candidate T ...] [--control C ...] "
      "[--format text|json|markdown|csv]";
  command.description =
      "Reads one or more run directories (models are unioned, prompts matched by suite and\n"
      "prompt id) and asks, for each suspect, whether it is closer to each candidate teacher\n"
      "than to every control model, and closer to the candidate than the controls are, prompt\n"
      "by prompt, on every available signal. Prints a verdict per candidate (strong,\n"
      "moderate, inconclusive, against or insufficient) with a calibrated probability, the\n"
      "candidates ranked, a direction only when 3 asymmetric cues agree, and the confounder\n"
      "checklist. Without --candidate every other model is a candidate; without --control\n"
      "every model that is neither suspect nor candidate is a control (with neither, each\n"
      "candidate is tested against all the other models). See README.md, \"Provenance\", for how\n"
      "to read a verdict.";
  command.examples =
      "  kinship provenance results/demo-run --suspect student-a\n"
      "  kinship provenance runs/a runs/b --suspect s1 --suspect s2 --candidate gpt-4 "
      "--control m1 --control m2 --format json\n";
  command.flags = {
      {"suspect", FlagKind::kList, "MODEL", "model to examine (repeatable)"},
      {"candidate", FlagKind::kList, "MODEL", "candidate teacher (repeatable; default: all others)"},
      {"control", FlagKind::kList, "MODEL", "control model (repeatable; default: non-candidates)"},
      {"format", FlagKind::kValue, "FORMAT", "text (default), json, markdown or csv"},
      {"signal", FlagKind::kList, "NAME", "signals to test (default: the built-in verdict set)"},
      {"seed", FlagKind::kValue, "N", "seed of the permutation and bootstrap draws (default 1)"},
      {"threads", FlagKind::kValue, "N", "worker threads (default 2)"},
  };
  command.run = ProvenanceMain;
  return command;
}

}  // namespace kinship
