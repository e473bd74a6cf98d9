#include "tests/fakes/fake_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/fakes/loopback_acceptor.h"

namespace kinship::testing {
namespace {

// Connects to a loopback host:port, or returns -1.
int ConnectLoopback(const std::string& host, int port) {
  const bool v6 = host == "::1" || host == "[::1]";
  if (!v6 && host != "127.0.0.1" && host != "localhost") return -1;
  const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int rc;
  if (v6) {
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_addr = in6addr_loopback;
    address.sin6_port = htons(static_cast<std::uint16_t>(port));
    rc = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  } else {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    rc = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  }
  if (rc != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

FakeProxy::FakeProxy() {
  acceptor_ = std::make_unique<LoopbackAcceptor>([this](int fd) { Serve(fd); });
}

FakeProxy::~FakeProxy() { acceptor_->Stop(); }

std::uint16_t FakeProxy::port() const { return acceptor_->port(); }
std::string FakeProxy::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

std::vector<std::string> FakeProxy::connect_lines() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connect_lines_;
}

std::vector<std::string> FakeProxy::authorizations() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return authorizations_;
}

void FakeProxy::Serve(int fd) {
  std::string head;
  char chunk[16384];
  std::size_t end;
  while ((end = head.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
      acceptor_->Close(fd);
      return;
    }
    head.append(chunk, static_cast<std::size_t>(n));
  }
  const std::string leftover = head.substr(end + 4);
  head.resize(end + 2);
  const std::string line = head.substr(0, head.find("\r\n"));
  std::string authorization;
  for (std::size_t at = head.find("\r\n") + 2; at < head.size();) {
    const std::size_t next = head.find("\r\n", at);
    const std::string header = head.substr(at, next - at);
    at = next + 2;
    if (::strncasecmp(header.c_str(), "proxy-authorization:", 20) == 0) {
      authorization = header.substr(20);
      authorization.erase(0, authorization.find_first_not_of(' '));
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connect_lines_.push_back(line);
    authorizations_.push_back(authorization);
  }
  // "CONNECT host:port HTTP/1.1"
  int upstream = -1;
  if (line.rfind("CONNECT ", 0) == 0) {
    const std::string authority = line.substr(8, line.find(' ', 8) - 8);
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string::npos) {
      upstream = ConnectLoopback(authority.substr(0, colon), std::atoi(authority.c_str() + colon + 1));
    }
  }
  if (upstream < 0) {
    const std::string refusal = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    SendAll(fd, refusal.data(), refusal.size());
    acceptor_->Close(fd);
    return;
  }
  const std::string ok = "HTTP/1.1 200 Connection established\r\n\r\n";
  if (SendAll(fd, ok.data(), ok.size()) && SendAll(upstream, leftover.data(), leftover.size())) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {upstream, POLLIN, 0}};
    while (!acceptor_->stopping()) {
      if (::poll(fds, 2, 100) < 0) break;
      bool done = false;
      for (int i = 0; i < 2 && !done; ++i) {
        if (fds[i].revents == 0) continue;
        const ssize_t n = ::recv(fds[i].fd, chunk, sizeof chunk, 0);
        done = n <= 0 || !SendAll(fds[1 - i].fd, chunk, static_cast<std::size_t>(n));
      }
      if (done) break;
    }
  }
  ::close(upstream);
  acceptor_->Close(fd);
}

}  // namespace kinship::testing
