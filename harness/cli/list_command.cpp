// kinship list: the registered adapters, built-in suites, built-in models and signals.
#include <fmt/core.h>

#include "adapters/adapter_registry.h"
#include "adapters/builtin_models.h"
#include "harness/analysis/builtin_measures.h"
#include "harness/signals/builtin_signals.h"
#include "harness/cli/command.h"
#include "harness/config/model_config_loader.h"
#include "harness/config/suite_loader.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/exit_code.h"

namespace kinship {

namespace {

void ListAdapters() {
  fmt::print("adapters:\n");
  for (const auto& entry : AdapterTable()) fmt::print("  {:<14} {}\n", entry.name, entry.summary);
}

void ListSuites() {
  fmt::print("suites:\n");
  for (const auto& name : ListBuiltinSuites()) {
    try {
      Suite suite = LoadSuite(ResolveSuitePath(name));
      fmt::print("  {:<14} v{}, {} prompts: {}\n", suite.name, suite.version, suite.prompts.size(),
                 suite.description);
    } catch (const ConfigError& e) {
      fmt::print("  {:<14} (does not load: {})\n", name, e.what());
    }
  }
}

void ListModels(const std::string& models_file) {
  fmt::print("models:\n");
  for (const auto& model : BuiltinModels()) {
    fmt::print("  {:<14} {:<8} family {:<9} {}\n", model.name, model.adapter, model.family,
               model.description);
  }
  if (!models_file.empty()) {
    for (const auto& model : LoadModelsFile(models_file)) {
      fmt::print("  {:<14} {:<8} family {:<9} {} ({})\n", model.name, model.adapter,
                 model.family.empty() ? "unknown" : model.family, model.model, models_file);
    }
  }
}

void ListSignals() {
  fmt::print("signals (provenance analysis):\n");
  for (const Signal* signal : BuiltinSignals()) {
    fmt::print("  {:<26} {}\n", signal->Name(), signal->Summary());
  }
  fmt::print("\nmeasures (report similarity matrices):\n");
  for (const auto& measure : BuiltinMeasures()) {
    fmt::print("  {:<26} {}\n", measure->Name(), measure->Summary());
  }
}

int ListMain(const ParsedFlags& flags) {
  static const std::vector<std::string> kWhat = {"adapters", "suites", "models", "signals"};
  std::vector<std::string> what = flags.positionals;
  if (what.empty()) what = kWhat;
  for (std::size_t i = 0; i < what.size(); ++i) {
    if (i > 0) fmt::print("\n");
    if (what[i] == "adapters") {
      ListAdapters();
    } else if (what[i] == "suites") {
      ListSuites();
    } else if (what[i] == "models") {
      ListModels(flags.Value("models"));
    } else if (what[i] == "signals") {
      ListSignals();
    } else {
      throw ConfigError("list: unknown kind '" + what[i] + "'" + DidYouMean(what[i], kWhat) +
                        " (adapters, suites, models, signals)");
    }
  }
  return kExitOk;
}

}  // namespace

Command MakeListCommand() {
  Command command;
  command.name = "list";
  command.summary = "list adapters, built-in suites, built-in models and signals";
  command.usage = "kinship list [adapters|suites|models|signals ...] [--models FILE]";
  command.description =
      "Prints the registered adapters, the built-in suites (with versions and prompt counts),\n"
      "the built-in simulated models, and the similarity signals. With --models FILE, the\n"
      "models of that file are listed too.";
  command.examples =
      "  kinship list\n"
      "  kinship list models --models models.yaml\n";
  command.flags = {{"models", FlagKind::kValue, "FILE", "also list the models of this file"}};
  command.run = ListMain;
  return command;
}

}  // namespace kinship
