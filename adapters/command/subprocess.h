// RunSubprocess: runs a program (argv, never a shell) with bytes on its stdin, collects
// its stdout and stderr, and kills it -- its whole process group, so helpers it started
// die too -- when a deadline passes. Built on fork/exec, pipes and poll.
//
// Thread-safe: pipes are created close-on-exec and the child closes every inherited
// descriptor before exec, so concurrent calls from several threads never leak one
// child's pipe into another (which would hold EOF back). The child is always reaped
// before returning: no zombies. SIGPIPE from a child that stops reading is blocked in the
// calling thread and consumed, never delivered to the process. Never throws (beyond
// bad_alloc); failures are described in the result.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kinship {

struct SubprocessResult {
  bool started = false;       // false: fork/exec failed, see start_error
  std::string start_error;
  bool timed_out = false;     // killed at the deadline
  int exit_code = -1;         // when it exited normally
  int term_signal = 0;        // when a signal ended it
  std::string stdout_data;    // at most max_output bytes
  std::string stderr_data;    // at most max_output bytes
  bool output_truncated = false;
};

SubprocessResult RunSubprocess(const std::vector<std::string>& argv, std::string_view stdin_data,
                               std::chrono::milliseconds timeout, std::size_t max_output);

}  // namespace kinship
