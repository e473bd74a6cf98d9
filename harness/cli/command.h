// A subcommand: its help texts, its flags and its entry point. Each lives in its own
// <name>_command.cpp; dispatch.cpp holds the one table and maps errors to exit codes.
#pragma once

#include <string>
#include <vector>

#include "harness/cli/flags.h"

namespace kinship {

struct Command {
  std::string name;         // "run"
  std::string summary;      // one line for `kinship --help`
  std::string usage;        // "kinship run SUITE... --model NAME [options]"
  std::string description;  // a paragraph for `kinship run --help`
  std::string examples;     // example invocations, one per line
  std::vector<FlagSpec> flags;
  // Runs the command and returns its exit code. May throw ConfigError (exit 2) or
  // std::exception (exit 1); dispatch catches both.
  int (*run)(const ParsedFlags& flags) = nullptr;
};

Command MakeRunCommand();
Command MakeReportCommand();
Command MakeListCommand();
Command MakeValidateCommand();
Command MakeDemoCommand();
Command MakeImportCommand();
Command MakeCacheCommand();
Command MakeCompareCommand();
Command MakeMergeCommand();
Command MakeProvenanceCommand();
Command MakeAuditCommand();
Command MakeDeriveCommand();

// The table, in the order `kinship --help` lists it.
const std::vector<Command>& CommandTable();

// Full help for one command.
std::string FormatCommandHelp(const Command& command);

}  // namespace kinship
