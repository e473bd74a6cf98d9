#include "harness/cli/interrupt.h"

#include <csignal>
#include <unistd.h>

namespace kinship {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnInterrupt(int) {
  if (g_stop.exchange(true)) ::_exit(130);
  static const char kMessage[] =
      "\nkinship: stopping after the requests in flight (again to quit now)\n";
  [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

}  // namespace

const std::atomic<bool>& InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

}  // namespace kinship
