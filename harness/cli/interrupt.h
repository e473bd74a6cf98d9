// SIGINT/SIGTERM handling for long commands: the first signal asks the runner to stop
// scheduling (in-flight items finish and are recorded; exit code 130, resumable); a
// second one exits at once -- records already written are complete lines, so even that
// loses nothing finished.
#pragma once

#include <atomic>

namespace kinship {

// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& InstallInterruptHandler();

}  // namespace kinship
