// FakeProxy: a minimal HTTP CONNECT proxy on 127.0.0.1 for transport tests. It answers
// "CONNECT host:port" with 200 and then relays bytes both ways; it refuses (403) any
// target that is not a loopback address, so a test can never reach the outside world
// through it. It records each CONNECT request line and Proxy-Authorization value it saw.
// One thread per connection; stops in its destructor. Thread-safe accessors.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kinship::testing {

class LoopbackAcceptor;

class FakeProxy {
 public:
  FakeProxy();
  ~FakeProxy();
  FakeProxy(const FakeProxy&) = delete;
  FakeProxy& operator=(const FakeProxy&) = delete;

  std::uint16_t port() const;
  std::string url() const;                          // "http://127.0.0.1:PORT"
  std::vector<std::string> connect_lines() const;   // "CONNECT 127.0.0.1:443 HTTP/1.1", ...
  std::vector<std::string> authorizations() const;  // Proxy-Authorization values ("" if absent)

 private:
  void Serve(int fd);

  mutable std::mutex mutex_;
  std::vector<std::string> connect_lines_;
  std::vector<std::string> authorizations_;
  std::unique_ptr<LoopbackAcceptor> acceptor_;  // last: its threads use the members above
};

}  // namespace kinship::testing
