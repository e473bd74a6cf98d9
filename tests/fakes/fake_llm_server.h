// FakeLlmServer: a loopback HTTP/1.1 (optionally HTTPS) server for tests of anything that
// talks to a model API. The test supplies a handler that maps each received request to a
// reply; the reply can carry a fault (reset, stall, drip, truncation) so transport and
// scheduler failure paths are exercised deterministically, with no external network.
//
// Binds 127.0.0.1 on an ephemeral port; one thread per connection; keep-alive, and
// Content-Length or chunked request bodies. Stops in its destructor, or by itself after
// two idle minutes. The handler runs on connection threads, possibly concurrently: it must
// be thread-safe. Every received request is recorded for assertions.
// Written with POSIX sockets and OpenSSL, not Beast, to keep test compile times low.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/http_message.h"

namespace kinship::testing {

enum class FakeFault {
  kNone,
  kCloseBeforeResponse,  // RST without sending a byte
  kResetMidBody,         // headers and half the body, then RST
  kStall,                // nothing for `stall_ms`, then the reply (the client has given up)
  kDrip,                 // the whole response, one byte at a time, `drip_delay_ms` apart
  kTruncatedBody,        // Content-Length larger than the body sent, then FIN
};

struct FakeRequest {
  std::string method;
  std::string target;   // "/v1/chat/completions?x=1"
  HttpHeaders headers;  // names lower-cased, values as received
  std::string body;     // de-chunked
  int connection = 0;   // 1-based index of the connection it arrived on
  std::string sni;      // TLS server name the client sent on that connection ("" if none)
  bool tls_resumed = false;  // that connection's handshake resumed an earlier TLS session

  std::optional<std::string> Header(std::string_view name) const;
};

struct FakeReply {
  int status = 200;
  HttpHeaders headers;  // Content-Length / Transfer-Encoding are added by the server
  std::string body;
  FakeFault fault = FakeFault::kNone;
  int stall_ms = 0;
  int drip_delay_ms = 1;
  bool chunked = false;           // send the body with Transfer-Encoding: chunked
  bool close_connection = false;  // send Connection: close and close after the reply

  static FakeReply Json(std::string body, int status = 200);
  static FakeReply Text(std::string body, int status = 200);
  static FakeReply Oversized(std::size_t bytes);           // a JSON-ish body of `bytes` bytes
  static FakeReply TooManyRequests(int retry_after_seconds);
  static FakeReply ServerError(int status = 500);          // 500, 502, 503...
  static FakeReply InvalidJson();                          // 200 with a broken JSON body
  static FakeReply WithFault(FakeFault fault, std::string body = "{\"ok\":true}");
};

struct FakeServerOptions {
  std::string cert_file;  // PEM; with key_file, the server speaks TLS only
  std::string key_file;
  int max_tls_version = 0;  // e.g. TLS1_2_VERSION; 0: OpenSSL's newest
  std::chrono::seconds idle_shutdown{120};
  bool record_requests = true;  // false for load tests: requests() stays empty, counts still work
};

class FakeLlmServer {
 public:
  using Handler = std::function<FakeReply(const FakeRequest&)>;
  explicit FakeLlmServer(Handler handler, FakeServerOptions options = {});
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer&) = delete;
  FakeLlmServer& operator=(const FakeLlmServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT" (https:// in TLS mode), no trailing slash.
  std::string base_url() const;
  std::vector<FakeRequest> requests() const;  // a copy, in arrival order
  std::size_t request_count() const;         // counted even when not recorded
  int connections_accepted() const;           // TCP connections, handshake failures included

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kinship::testing
