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
// Threading: one Asio io_context on one background thread owned by the client, on epoll
// or io_uring (KINSHIP_TRANSPORT; transport_module.h). Send, SendSync, RunAfter, Post and
// stats are safe from any thread; completion callbacks run on the I/O thread and must be
// short and must not block. SendSync must not be called from a
// completion callback or a RunAfter function (it would wait for its own thread).
//
// Failure: a transport failure is a value (HttpOutcome with ok == false and an
// error_kind), never an exception. Error messages never contain request header values,
// because they carry API keys. The constructor throws ConfigError for an unreadable
// ca_file, which is user configuration, and for a KINSHIP_TRANSPORT it cannot honour.
//
// This header is Boost-free on purpose: only asio_transport.cpp sees Asio/Beast/OpenSSL.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "harness/net/http_transport.h"

namespace kinship {

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

  using Stats = HttpClientStats;
  Stats stats() const;

  // Which event loop carries the requests: "io_uring", "epoll", or "epoll (io_uring: why
  // not)" when the io_uring module was wanted but could not be used (transport_module.h).
  const std::string& transport() const { return transport_; }

 private:
  std::unique_ptr<HttpTransport> impl_;
  std::string transport_;
};

}  // namespace kinship
