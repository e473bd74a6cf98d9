// The process exit codes, documented in README.md ("Exit codes"). main() alone returns them.
#pragma once

namespace kinship {

enum ExitCode : int {
  kExitOk = 0,           // everything asked for was done
  kExitFailure = 1,      // an error at run time, or a run that finished with failed items
  kExitUsage = 2,        // bad flags or configuration; nothing was sent
  kExitGateFailed = 100, // a CI gate (compare, assertions) failed
  kExitInterrupted = 130 // SIGINT: stopped cleanly, the run is resumable
};

}  // namespace kinship
