// kinship validate: load suites and model configs, build the adapters, send nothing.
#include <fmt/core.h>

#include "adapters/adapter_registry.h"
#include "harness/cli/command.h"
#include "harness/cli/model_resolver.h"
#include "harness/config/suite_loader.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"

namespace kinship {

namespace {

int ValidateMain(const ParsedFlags& flags) {
  if (flags.positionals.empty() && !flags.Has("models") && !flags.Has("model")) {
    throw ConfigError("nothing to validate: give SUITE files or names, --models FILE or --model NAME");
  }
  for (const auto& name : flags.positionals) {
    Suite suite = LoadSuite(ResolveSuitePath(name));
    int samples = 0;
    for (const auto& prompt : suite.prompts) samples += prompt.samples.value_or(suite.samples);
    fmt::print("ok  suite {} v{}: {} prompts, {} samples ({})\n", suite.name, suite.version,
               suite.prompts.size(), samples, suite.path);
  }
  if (flags.Has("models") || flags.Has("model")) {
    for (const auto& model : ResolveModels(flags.Values("model"), flags.Value("models"))) {
      CreateAdapter(model);  // validates adapter-specific settings; sends nothing
      fmt::print("ok  model {}: adapter {}, model {}\n", model.name, model.adapter, model.model);
    }
  }
  return kExitOk;
}

}  // namespace

Command MakeValidateCommand() {
  Command command;
  command.name = "validate";
  command.summary = "check suites and model configs without sending anything";
  command.usage = "kinship validate [SUITE...] [--models FILE] [--model NAME ...]";
  command.description =
      "Loads each SUITE and the models, builds every adapter, and reports the first problem\n"
      "with its file, line, column and field (exit 2), or one 'ok' line per item (exit 0).\n"
      "Nothing is sent to any backend.";
  command.examples =
      "  kinship validate suites/demo.yaml\n"
      "  kinship validate my-suite.yaml --models models.yaml\n";
  command.flags = {
      {"models", FlagKind::kValue, "FILE", "models file to check (all of its models)"},
      {"model", FlagKind::kList, "NAME", "check only these models"},
  };
  command.run = ValidateMain;
  return command;
}

}  // namespace kinship
