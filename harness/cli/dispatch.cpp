#include "harness/cli/dispatch.h"

#include <exception>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/core/build_info.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/exit_code.h"

namespace kinship {

const std::vector<Command>& CommandTable() {
  static const std::vector<Command> table = {MakeRunCommand(),     MakeReportCommand(),
                                             MakeAuditCommand(),   MakeCompareCommand(),
                                             MakeMergeCommand(),   MakeListCommand(),
                                             MakeValidateCommand(), MakeDemoCommand(),
                                             MakeImportCommand(),  MakeCacheCommand(),
                                             MakeProvenanceCommand(), MakeDeriveCommand()};
  return table;
}

std::string FormatCommandHelp(const Command& command) {
  std::string out = "Usage: " + command.usage + "\n\n" + command.description + "\n\n" +
                    FormatFlagHelp(command.flags);
  if (!command.examples.empty()) out += "\nExamples:\n" + command.examples;
  return out;
}

namespace {

std::string GlobalHelp() {
  std::string out =
      "kinship: compare language models' outputs and test whether one was trained on "
      "another's.\n\nUsage: kinship COMMAND [options]\n\nCommands:\n";
  for (const auto& command : CommandTable()) {
    out += fmt::format("  {:<10}  {}\n", command.name, command.summary);
  }
  out +=
      "\nRun 'kinship COMMAND --help' for a command's options and examples.\n"
      "Quick start: 'kinship demo' runs the built-in simulated models end to end.\n";
  return out;
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") return true;
    if (arg == "--") break;
  }
  return false;
}

}  // namespace

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    fmt::print(stderr, "{}", GlobalHelp());
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "--help" || name == "-h" || name == "help") {
    if (args.size() > 1) {
      for (const auto& command : CommandTable()) {
        if (command.name == args[1]) {
          fmt::print("{}", FormatCommandHelp(command));
          return kExitOk;
        }
      }
    }
    fmt::print("{}", GlobalHelp());
    return kExitOk;
  }
  if (name == "--version" || name == "version") {
    fmt::print("kinship {}{}\n", ToolVersion(),
               GitHash().empty() ? "" : fmt::format(" ({})", GitHash()));
    return kExitOk;
  }
  const Command* command = nullptr;
  std::vector<std::string> names;
  for (const auto& candidate : CommandTable()) {
    names.push_back(candidate.name);
    if (candidate.name == name) command = &candidate;
  }
  if (!command) {
    fmt::print(stderr, "kinship: error: unknown command '{}'{} (see 'kinship --help')\n", name,
               DidYouMean(name, names));
    return kExitUsage;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (WantsHelp(rest)) {
    fmt::print("{}", FormatCommandHelp(*command));
    return kExitOk;
  }
  try {
    ParsedFlags flags = ParseFlags(command->name, command->flags, rest);
    flags.argv.assign(argv, argv + argc);
    return command->run(flags);
  } catch (const ConfigError& e) {
    fmt::print(stderr, "kinship: error: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kinship: error: {}\n", e.what());
    return kExitFailure;
  }
}

}  // namespace kinship
