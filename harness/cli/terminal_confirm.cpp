#include "harness/cli/terminal_confirm.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include <fmt/core.h>

namespace kinship {

Confirmation AskYesNo(const std::string& question) {
  if (!::isatty(STDIN_FILENO)) return Confirmation::kNoTerminal;
  fmt::print(stderr, "{} [y/N] ", question);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return Confirmation::kNo;
  std::transform(answer.begin(), answer.end(), answer.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  answer.erase(0, answer.find_first_not_of(" \t"));
  answer.erase(answer.find_last_not_of(" \t\r") + 1);
  return answer == "y" || answer == "yes" ? Confirmation::kYes : Confirmation::kNo;
}

}  // namespace kinship
