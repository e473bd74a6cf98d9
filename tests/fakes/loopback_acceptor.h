// LoopbackAcceptor: the socket plumbing shared by the test fakes (FakeLlmServer,
// FakeProxy). Listens on 127.0.0.1 on an ephemeral port and runs `serve(fd)` for each
// accepted connection on a thread of its own; `serve` owns the fd and must close it with
// Close(). Stop() (also run by the destructor, and by itself after `idle_limit` without
// new connections) shuts every live connection down so blocked reads return, then joins
// all threads. Thread-safe. Plain POSIX sockets on purpose: no Asio/Beast compile cost.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kinship::testing {

class LoopbackAcceptor {
 public:
  using Serve = std::function<void(int fd)>;
  LoopbackAcceptor(Serve serve, std::chrono::seconds idle_limit = std::chrono::seconds(120));
  ~LoopbackAcceptor();
  LoopbackAcceptor(const LoopbackAcceptor&) = delete;
  LoopbackAcceptor& operator=(const LoopbackAcceptor&) = delete;

  std::uint16_t port() const { return port_; }
  int connections_accepted() const { return accepted_.load(); }
  bool stopping() const { return stop_.load(); }
  void Stop();

  // Closes an fd handed to `serve` (forgetting it first, so Stop never touches a reused
  // number). With `reset`, SO_LINGER 0 makes the close send RST instead of FIN.
  void Close(int fd, bool reset = false);

  // Sleeps up to `duration`, returning early (false) when the acceptor stops.
  bool SleepUnlessStopped(std::chrono::milliseconds duration);

 private:
  void AcceptLoop();

  Serve serve_;
  std::chrono::seconds idle_limit_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::condition_variable_any stop_cv_;
  std::set<int> live_fds_;
  std::vector<std::thread> workers_;
  std::thread accept_thread_;
};

// write() until done; false when the peer is gone. Never raises SIGPIPE.
bool SendAll(int fd, const char* data, std::size_t size);

}  // namespace kinship::testing
