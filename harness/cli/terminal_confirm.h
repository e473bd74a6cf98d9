// Asking the person at the terminal before spending money (`kinship audit`). Only a
// terminal is asked: when stdin is not one (CI, a pipe, /dev/null) nobody can answer, so the
// answer is kNoTerminal and the caller refuses unless it was told --yes.
#pragma once

#include <string>

namespace kinship {

enum class Confirmation { kYes, kNo, kNoTerminal };

// Prints `question` and " [y/N] " on stderr and reads one line from stdin: "y" or "yes"
// (any case) is kYes, anything else (or end of input) kNo.
Confirmation AskYesNo(const std::string& question);

}  // namespace kinship
