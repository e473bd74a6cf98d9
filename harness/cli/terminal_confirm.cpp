#include "harness/cli/terminal_confirm.h"

#include <unistd.h>

#include <iostream>

#include <fmt/core.h>

#include "harness/core/ascii_case.h"

namespace kinship {

Confirmation AskYesNo(const std::string& question) {
  if (!::isatty(STDIN_FILENO)) return Confirmation::kNoTerminal;
  fmt::print(stderr, "{} [y/N] ", question);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return Confirmation::kNo;
  AsciiLowerInPlace(answer);
  answer.erase(0, answer.find_first_not_of(" \t"));
  answer.erase(answer.find_last_not_of(" \t\r") + 1);
  return answer == "y" || answer == "yes" ? Confirmation::kYes : Confirmation::kNo;
}

}  // namespace kinship
