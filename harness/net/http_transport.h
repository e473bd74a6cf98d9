// HttpTransport: the event loop behind HttpClient (http_client.h states the contract every
// transport keeps; this header holds the plain types both sides share).
//
// One implementation exists, on Asio and Beast (asio_transport.cpp), built twice: with
// Asio's epoll reactor, linked into every binary, and with its io_uring backend, as the
// loadable module kinship-io_uring.so (transport_module.h chooses between them). Asio picks
// its reactor at compile time and both builds share every symbol name, so the two cannot
// live in one link; the module keeps its copy hidden behind one C entry point.
//
// Boost-free on purpose, like http_client.h.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "harness/core/http_message.h"

namespace kinship {

struct HttpClientOptions {
  std::string ca_file;                        // extra PEM trust anchors, added to the system CAs
  std::size_t max_response_bytes = 8u << 20;  // larger bodies -> error_kind "too_large"
  bool use_proxy_env = true;                  // HTTPS_PROXY/HTTP_PROXY/NO_PROXY (either case)
  int max_idle_per_host = 256;                // idle keep-alive connections kept per origin
};

struct HttpOutcome {
  bool ok = false;         // a complete HTTP response arrived (any status, 4xx/5xx included)
  HttpResponse response;   // header names lower-cased
  std::string error;       // human-readable, when !ok (never contains request header values)
  // "timeout" "connect" "dns" "tls" "reset" "too_large" "protocol" "cancelled" "bad_url" "proxy"
  std::string error_kind;
  double elapsed_ms = 0;   // from Send to completion, on a steady clock
};

struct HttpClientStats {
  std::uint64_t connections_opened = 0;  // TCP connections established (tunnels included)
  std::uint64_t requests_sent = 0;       // request writes started, stale-connection retries included
  std::uint64_t connections_reused = 0;  // requests that went out on a pooled connection
  std::uint64_t dns_lookups = 0;         // host names resolved (cached answers and IP literals need none)
};

// Send, RunAfter, Post and stats as HttpClient documents them; the destructor cancels and
// joins as ~HttpClient does.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual void Send(HttpRequest request, std::chrono::milliseconds timeout,
                    std::function<void(HttpOutcome)> done) = 0;
  virtual void RunAfter(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
  virtual void Post(std::function<void()> fn) = 0;
  virtual HttpClientStats stats() const = 0;
};

// Changes whenever a type above changes shape, so that a module built from other sources
// is refused instead of misread (transport_module.cpp also compares the sizes).
inline constexpr int kHttpTransportAbi = 2;

}  // namespace kinship
