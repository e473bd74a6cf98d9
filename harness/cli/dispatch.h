// The command table and the one place that maps exceptions to exit codes.
#pragma once

namespace kinship {

// Parses argv, runs the chosen subcommand and returns the process exit code
// (harness/core/exit_code.h). Never throws.
int RunCli(int argc, char** argv);

}  // namespace kinship
