#include "tests/fakes/loopback_acceptor.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace kinship::testing {

LoopbackAcceptor::LoopbackAcceptor(Serve serve, std::chrono::seconds idle_limit)
    : serve_(std::move(serve)), idle_limit_(idle_limit) {
  // TLS writes by the fakes go through write(), which would raise SIGPIPE on a closed peer.
  std::signal(SIGPIPE, SIG_IGN);
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket() failed");
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 512) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  socklen_t length = sizeof address;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

LoopbackAcceptor::~LoopbackAcceptor() { Stop(); }

void LoopbackAcceptor::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    for (int fd : live_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  stop_cv_.notify_all();
  if (accept_thread_.joinable() && accept_thread_.get_id() != std::this_thread::get_id()) {
    accept_thread_.join();
  }
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    workers.swap(workers_);
  }
  for (std::thread& worker : workers) worker.join();
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
}

void LoopbackAcceptor::Close(int fd, bool reset) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    live_fds_.erase(fd);
  }
  if (reset) {
    linger option{};
    option.l_onoff = 1;
    option.l_linger = 0;
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
  }
  ::close(fd);
}

bool LoopbackAcceptor::SleepUnlessStopped(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(mutex_);
  return !stop_cv_.wait_for(lock, duration, [this] { return stop_.load(); });
}

void LoopbackAcceptor::AcceptLoop() {
  auto last_activity = std::chrono::steady_clock::now();
  while (!stop_.load()) {
    pollfd entry{listen_fd_, POLLIN, 0};
    const int ready = ::poll(&entry, 1, 50);
    if (ready <= 0) {
      if (std::chrono::steady_clock::now() - last_activity > idle_limit_) {
        // Forgotten by its test: stop serving, but leave the joins to the destructor.
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
        for (int fd : live_fds_) ::shutdown(fd, SHUT_RDWR);
        stop_cv_.notify_all();
      }
      continue;
    }
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    last_activity = std::chrono::steady_clock::now();
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    accepted_.fetch_add(1);
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_.load()) {
      ::close(fd);
      break;
    }
    live_fds_.insert(fd);
    workers_.emplace_back([this, fd] { serve_(fd); });
  }
}

bool SendAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

}  // namespace kinship::testing
