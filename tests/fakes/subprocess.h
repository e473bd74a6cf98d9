// Runs a program (the real kinship binary, in golden tests) and captures its exit status,
// stdout and stderr. Output goes to temporary files, so a chatty child never blocks.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kinship::testing {

struct ProcessResult {
  int exit_code = -1;   // -1 when killed by a signal
  int signal = 0;       // the signal that ended it, or 0
  std::string out;
  std::string err;
};

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv; `env` entries "NAME=value" are added to (or replace
  // those of) the current environment; `cwd` empty means the current directory.
  // With `terminal_input`, stdin is a pseudo-terminal (isatty(0) holds) on which that text
  // has been typed, as a person answering a question would; otherwise it is /dev/null.
  ChildProcess(const std::vector<std::string>& argv, const std::string& cwd = "",
               const std::vector<std::string>& env = {},
               const std::optional<std::string>& terminal_input = std::nullopt);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal);
  // Waits for the exit, at most `timeout_s` seconds (then SIGKILLs it), and collects output.
  ProcessResult Wait(int timeout_s = 300);
  // The stdout written so far.
  std::string OutputSoFar() const;

 private:
  pid_t pid_ = -1;
  std::string out_path_;
  std::string err_path_;
  bool waited_ = false;
  int terminal_ = -1;  // the pseudo-terminal's controller side, when stdin is one
};

// Start and wait.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& cwd = "",
                         const std::vector<std::string>& env = {}, int timeout_s = 300);

// Start and wait, with stdin a pseudo-terminal on which `typed` was typed.
ProcessResult RunProcessAtTerminal(const std::vector<std::string>& argv, const std::string& typed,
                                   int timeout_s = 300);

// The kinship binary under test, with arguments.
std::vector<std::string> Kinship(std::initializer_list<std::string> args);

}  // namespace kinship::testing
