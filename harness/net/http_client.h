// HttpClient: the engine's HTTP transport (ARCHITECTURE.md §2, "the engine owns the
// network"). It sends plain kinship::HttpRequest values built by adapter codecs and hands
// back plain HttpResponse values; adapters never see a socket.
//
// What it does: HTTP/1.1 over TCP or TLS 1.2+ (system trust store plus an optional extra
// CA file; SNI and host-name verification always on), keep-alive connection pools per
// origin, HTTPS_PROXY / HTTP_PROXY / NO_PROXY through CONNECT tunnels, a per-attempt
// timeout covering resolve + connect + TLS + write + read, and a response-body cap.
// What it does not do: retries, rate limits, concurrency limits -- the scheduler owns
// those (RunAfter exists so its back-off timers need no sleeping threads).
//
// Threading: one Asio io_context on one background thread owned by the client. Send,
// SendSync, RunAfter, Post and stats are safe from any thread; completion callbacks run on the
// I/O thread and must be short and must not block. SendSync must not be called from a
// completion callback or a RunAfter function (it would wait for its own thread).
//
// Failure: a transport failure is a value (HttpOutcome with ok == false and an
// error_kind), never an exception. Error messages never contain request header values,
// because they carry API keys. The constructor throws ConfigError for an unreadable
// ca_file, which is user configuration.
//
// This header is Boost-free on purpose: only http_client.cpp sees Asio/Beast/OpenSSL.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
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

class HttpClient {
 public:
  // Starts the I/O thread. Reads the proxy variables once, here, when use_proxy_env.
  explicit HttpClient(HttpClientOptions options = {});
  // Cancels outstanding requests (their callbacks run with error_kind "cancelled"), runs
  // pending RunAfter functions early (so a retry they schedule completes as cancelled),
  // closes pooled connections and joins the thread.
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one attempt. `done` runs exactly once, on the I/O thread. `timeout` bounds the
  // attempt from send to last body byte, connection set-up included. A pooled connection
  // that turns out to be dead before any response byte is replaced once, transparently.
  void Send(HttpRequest request, std::chrono::milliseconds timeout,
            std::function<void(HttpOutcome)> done);

  // Send, then wait for the outcome. Not from the I/O thread.
  HttpOutcome SendSync(HttpRequest request, std::chrono::milliseconds timeout);

  // Runs `fn` once on the I/O thread after `delay` (or early, at destruction).
  void RunAfter(std::chrono::milliseconds delay, std::function<void()> fn);

  // Runs `fn` once on the I/O thread, after the completions that are ready now: posted
  // from a completion callback, it runs once the other responses that arrived in the same
  // poll have been handled (the scheduler's group commit of records relies on this).
  void Post(std::function<void()> fn);

  struct Stats {
    std::uint64_t connections_opened = 0;  // TCP connections established (tunnels included)
    std::uint64_t requests_sent = 0;       // request writes started, stale-connection retries included
    std::uint64_t connections_reused = 0;  // requests that went out on a pooled connection
  };
  Stats stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kinship
