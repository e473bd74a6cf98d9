#include "harness/net/http_client.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <openssl/tls1.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <vector>

#include "harness/core/config_error.h"
#include "tests/fakes/fake_llm_server.h"
#include "tests/fakes/fake_proxy.h"
#include "tests/fakes/scoped_env.h"
#include "tests/fakes/test_certificates.h"

namespace kinship {
namespace {

using kinship::testing::FakeFault;
using kinship::testing::FakeLlmServer;
using kinship::testing::FakeProxy;
using kinship::testing::FakeReply;
using kinship::testing::FakeRequest;
using kinship::testing::FakeServerOptions;
using kinship::testing::ScopedEnv;
using kinship::testing::TestCertificates;
using std::chrono::milliseconds;

// Generous: the machines running tests are noisy. Only the timeout tests use short ones.
constexpr milliseconds kTimeout{10000};

// Tests ignore the caller's proxy variables unless they are about proxies.
HttpClientOptions Direct() {
  HttpClientOptions options;
  options.use_proxy_env = false;
  return options;
}

HttpRequest Get(const std::string& url) {
  HttpRequest request;
  request.method = "GET";
  request.url = url;
  return request;
}

// A reply that arrives only after `ms` of silence (the client has usually given up by then).
FakeReply Stalled(int ms, std::string body = "{\"ok\":true}") {
  FakeReply reply = FakeReply::WithFault(FakeFault::kStall, std::move(body));
  reply.stall_ms = ms;
  return reply;
}

const TestCertificates& Certificates() {
  static const TestCertificates certificates;
  return certificates;
}

// Clears every proxy variable for one scope, so a test sets exactly what it means.
struct NoProxyEnvironment {
  ScopedEnv a{"HTTPS_PROXY", nullptr}, b{"https_proxy", nullptr}, c{"HTTP_PROXY", nullptr},
      d{"http_proxy", nullptr}, e{"NO_PROXY", nullptr}, f{"no_proxy", nullptr};
};

// ctest runs these tests once per transport (tests/net/CMakeLists.txt): each run must be
// on the transport it names, or the io_uring run would be epoll's again.
TEST_CASE("The client runs on the transport KINSHIP_TRANSPORT names") {
  const char* wanted = std::getenv("KINSHIP_TRANSPORT");
  HttpClient client(Direct());
  if (wanted != nullptr && (std::string(wanted) == "epoll" || std::string(wanted) == "io_uring")) {
    CHECK(client.transport() == wanted);
  } else {
    CHECK_FALSE(client.transport().empty());
  }
}

TEST_CASE("A GET round trip returns status, body and lower-cased headers") {
  FakeLlmServer server([](const FakeRequest&) {
    FakeReply reply = FakeReply::Json(R"({"ok":true})");
    reply.headers.emplace_back("X-Request-ID", "abc");
    return reply;
  });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/v1/models?limit=2"), kTimeout);
  REQUIRE(outcome.ok);
  CHECK(outcome.error_kind.empty());
  CHECK(outcome.response.status == 200);
  CHECK(outcome.response.body == R"({"ok":true})");
  CHECK(outcome.response.Header("x-request-id") == std::optional<std::string>("abc"));
  bool all_lower = true;
  for (const auto& [name, value] : outcome.response.headers) {
    for (char c : name) all_lower = all_lower && !(c >= 'A' && c <= 'Z');
  }
  CHECK(all_lower);
  CHECK(outcome.elapsed_ms > 0);

  const std::vector<FakeRequest> seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method == "GET");
  CHECK(seen[0].target == "/v1/models?limit=2");
  CHECK(seen[0].Header("host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(seen[0].Header("connection") == std::optional<std::string>("keep-alive"));
  CHECK_FALSE(seen[0].Header("accept-encoding"));
  CHECK_FALSE(seen[0].Header("content-length"));
}

TEST_CASE("A POST sends its headers and a UTF-8 body byte-exact") {
  FakeLlmServer server([](const FakeRequest& request) { return FakeReply::Json(request.body); });
  HttpClient client(Direct());
  HttpRequest request;
  request.url = server.base_url() + "/v1/chat/completions";
  request.headers = {{"Authorization", "Bearer sk-test-123"}, {"Content-Type", "application/json"},
                     {"Accept-Encoding", "gzip"}};
  request.body = R"({"text":"Сәлем әлем — Привет — 你好 — مرحبا"})";
  const HttpOutcome outcome = client.SendSync(request, kTimeout);
  REQUIRE(outcome.ok);
  CHECK(outcome.response.body == request.body);
  const FakeRequest seen = server.requests().at(0);
  CHECK(seen.method == "POST");
  CHECK(seen.body == request.body);
  CHECK(seen.Header("authorization") == std::optional<std::string>("Bearer sk-test-123"));
  CHECK(seen.Header("content-length") == std::to_string(request.body.size()));
  CHECK_FALSE(seen.Header("accept-encoding"));  // nothing here could inflate gzip
}

TEST_CASE("Caller copies of the framing headers are dropped whatever their case") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); });
  HttpClient client(Direct());
  HttpRequest request;
  request.url = server.base_url() + "/v1/chat/completions";
  request.headers = {{"HOST", "example.com"},       {"content-LENGTH", "999"},
                     {"CONNECTION", "close"},       {"Transfer-Encoding", "chunked"},
                     {"aCCEPT-eNCODING", "gzip"},   {"X-Hosted", "kept"}};
  request.body = "{}";
  REQUIRE(client.SendSync(request, kTimeout).ok);
  const FakeRequest seen = server.requests().at(0);
  std::vector<std::string> names;
  for (const auto& [name, value] : seen.headers) names.push_back(name);
  // One of each, the transport's: the caller's copies are not sent at all.
  CHECK(names == std::vector<std::string>{"host", "x-hosted", "content-length", "connection"});
  CHECK(seen.Header("host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(seen.Header("content-length") == std::optional<std::string>("2"));
  CHECK(seen.Header("connection") == std::optional<std::string>("keep-alive"));
  CHECK(seen.Header("x-hosted") == std::optional<std::string>("kept"));
}

TEST_CASE("Header names and the method must be RFC 9110 tokens; every token character passes") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); });
  HttpClient client(Direct());
  HttpRequest request;
  request.url = server.base_url() + "/v1/chat/completions";
  request.headers = {{"X-All_Token.Chars!#$%&'*+^`|~09", "v"}};
  const HttpOutcome good = client.SendSync(request, kTimeout);
  REQUIRE(good.ok);
  CHECK(server.requests().at(0).Header("x-all_token.chars!#$%&'*+^`|~09") == std::optional<std::string>("v"));
  const std::vector<std::string> bad_names = {"X Space", "X:Colon", "X(Paren)", "X/Slash", "X\"Quote",
                                              "X{Brace}", "X@At", "X\x7f", "X\xC3\xA9", ""};
  for (const std::string& bad : bad_names) {
    request.headers = {{"Accept", "*/*"}, {bad, "v"}};
    const HttpOutcome outcome = client.SendSync(request, kTimeout);
    INFO(bad);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error_kind == "protocol");
    CHECK(outcome.error == "request header #2 has an invalid name or value");
  }
  request.headers.clear();
  request.method = "PO ST";
  const HttpOutcome bad_method = client.SendSync(request, kTimeout);
  CHECK(bad_method.error == "invalid HTTP method");
  CHECK(server.requests().size() == 1);  // none of the invalid ones was sent
}

TEST_CASE("4xx and 5xx answers are complete responses, not transport errors") {
  FakeLlmServer server([](const FakeRequest& request) {
    if (request.target == "/429") return FakeReply::TooManyRequests(7);
    if (request.target == "/503") return FakeReply::ServerError(503);
    return FakeReply::InvalidJson();
  });
  HttpClient client(Direct());
  const HttpOutcome limited = client.SendSync(Get(server.base_url() + "/429"), kTimeout);
  REQUIRE(limited.ok);
  CHECK(limited.response.status == 429);
  CHECK(limited.response.Header("retry-after") == std::optional<std::string>("7"));
  const HttpOutcome unavailable = client.SendSync(Get(server.base_url() + "/503"), kTimeout);
  REQUIRE(unavailable.ok);
  CHECK(unavailable.response.status == 503);
  const HttpOutcome broken = client.SendSync(Get(server.base_url() + "/json"), kTimeout);
  REQUIRE(broken.ok);
  CHECK(broken.response.body == FakeReply::InvalidJson().body);
}

TEST_CASE("Sequential requests reuse one keep-alive connection") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); });
  HttpClient client(Direct());
  for (int i = 0; i < 10; ++i) {
    REQUIRE(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  }
  CHECK(server.connections_accepted() == 1);
  CHECK(server.request_count() == 10);
  const HttpClient::Stats stats = client.stats();
  CHECK(stats.connections_opened == 1);
  CHECK(stats.connections_reused == 9);
  CHECK(stats.requests_sent == 10);
}

TEST_CASE("A Connection: close response is not pooled") {
  FakeLlmServer server([](const FakeRequest&) {
    FakeReply reply = FakeReply::Json("{}");
    reply.close_connection = true;
    return reply;
  });
  HttpClient client(Direct());
  REQUIRE(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  REQUIRE(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  CHECK(server.connections_accepted() == 2);
  CHECK(client.stats().connections_reused == 0);
}

TEST_CASE("100 concurrent requests all complete over a bounded number of connections") {
  FakeLlmServer server([](const FakeRequest& request) { return FakeReply::Json(request.target); });
  HttpClient client(Direct());
  std::mutex mutex;
  std::condition_variable all_done;
  int completed = 0;
  int succeeded = 0;
  int matched = 0;
  constexpr int kRequests = 100;
  for (int round = 0; round < 2; ++round) {  // the second round runs on pooled connections
    for (int i = 0; i < kRequests; ++i) {
      const std::string target = "/r" + std::to_string(round) + "-" + std::to_string(i);
      client.Send(Get(server.base_url() + target), kTimeout, [&, target](HttpOutcome outcome) {
        std::lock_guard<std::mutex> lock(mutex);
        ++completed;
        succeeded += outcome.ok ? 1 : 0;
        matched += outcome.response.body == target ? 1 : 0;
        all_done.notify_all();
      });
    }
    std::unique_lock<std::mutex> lock(mutex);
    all_done.wait(lock, [&] { return completed == kRequests * (round + 1); });
  }
  CHECK(succeeded == 2 * kRequests);
  CHECK(matched == 2 * kRequests);
  CHECK(server.connections_accepted() <= kRequests);
  CHECK(client.stats().connections_reused >= 1);
}

TEST_CASE("Concurrent connections to one host share one name lookup, then its cached answer") {
  std::atomic<bool> closing{false};  // then every answer closes its connection
  FakeLlmServer server([&closing](const FakeRequest& request) {
    FakeReply reply = FakeReply::Json(request.target);
    reply.close_connection = closing.load();
    return reply;
  });
  HttpClient client(Direct());
  const std::string by_name = "http://localhost:" + std::to_string(server.port());
  std::mutex mutex;
  std::condition_variable all_done;
  int completed = 0;
  int succeeded = 0;
  constexpr int kRequests = 48;
  auto send_all = [&](const std::string& base, int round) {
    for (int i = 0; i < kRequests; ++i) {
      client.Send(Get(base + "/r" + std::to_string(i)), kTimeout, [&](HttpOutcome outcome) {
        std::lock_guard<std::mutex> lock(mutex);
        ++completed;
        succeeded += outcome.ok ? 1 : 0;
        all_done.notify_all();
      });
    }
    std::unique_lock<std::mutex> lock(mutex);
    all_done.wait(lock, [&] { return completed == kRequests * round; });
  };
  send_all(by_name, 1);  // all at once: most open a connection of their own
  CHECK(succeeded == kRequests);
  CHECK(client.stats().connections_opened > 1);
  CHECK(client.stats().dns_lookups == 1);  // the others waited for the first lookup
  // Connections that close after one answer make every request open a new one: the name's
  // answer is still fresh, so none is looked up again.
  closing = true;
  send_all(by_name, 2);  // the pooled connections answer once more, then close
  const auto opened_before = client.stats().connections_opened;
  send_all(by_name, 3);  // an empty pool: every request opens a connection
  CHECK(succeeded == 3 * kRequests);
  CHECK(client.stats().connections_opened >= opened_before + kRequests);
  CHECK(client.stats().dns_lookups == 1);
  send_all(server.base_url(), 4);  // an IP literal is never looked up
  CHECK(succeeded == 4 * kRequests);
  CHECK(client.stats().dns_lookups == 1);
}

TEST_CASE("A failed name lookup goes to every request waiting for it and is not kept") {
  // "a..b" has an empty label: the C library refuses it without asking any DNS server.
  HttpClient client(Direct());
  std::mutex mutex;
  std::condition_variable all_done;
  std::vector<HttpOutcome> outcomes;
  constexpr int kRequests = 16;
  auto send_all = [&](std::size_t expected) {
    for (int i = 0; i < kRequests; ++i) {
      client.Send(Get("http://a..b:8080/"), kTimeout, [&](HttpOutcome outcome) {
        std::lock_guard<std::mutex> lock(mutex);
        outcomes.push_back(std::move(outcome));
        all_done.notify_all();
      });
    }
    std::unique_lock<std::mutex> lock(mutex);
    all_done.wait(lock, [&] { return outcomes.size() == expected; });
  };
  send_all(kRequests);
  REQUIRE(outcomes.size() == kRequests);
  for (const HttpOutcome& outcome : outcomes) {
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error_kind == "dns");
    CHECK(outcome.error.rfind("cannot resolve 'a..b': ", 0) == 0);
  }
  CHECK(client.stats().dns_lookups == 1);
  send_all(2 * kRequests);  // a failure is not remembered: the next requests look it up again
  REQUIRE(outcomes.size() == 2 * kRequests);
  CHECK(client.stats().dns_lookups == 2);
}

TEST_CASE("A chunked response is reassembled") {
  FakeLlmServer server([](const FakeRequest&) {
    FakeReply reply = FakeReply::Json(R"({"choices":[{"text":"chunked body, in pieces"}]})");
    reply.chunked = true;
    return reply;
  });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  REQUIRE(outcome.ok);
  CHECK(outcome.response.body == R"({"choices":[{"text":"chunked body, in pieces"}]})");
  CHECK(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  CHECK(server.connections_accepted() == 1);  // chunked framing keeps the connection usable
}

TEST_CASE("A reset before any response byte on a fresh connection is a reset error, not retried") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::WithFault(FakeFault::kCloseBeforeResponse); });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "reset");
  CHECK_FALSE(outcome.error.empty());
  CHECK(server.request_count() == 1);
}

TEST_CASE("A pooled connection that died is replaced once, invisibly") {
  std::atomic<int> calls{0};
  FakeLlmServer server([&calls](const FakeRequest& request) {
    // The second request arrives on the pooled connection, which then "turns out stale".
    if (++calls == 2 && request.connection == 1) return FakeReply::WithFault(FakeFault::kCloseBeforeResponse);
    return FakeReply::Json("{\"n\":" + std::to_string(calls.load()) + "}");
  });
  HttpClient client(Direct());
  REQUIRE(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  REQUIRE(outcome.ok);
  CHECK(outcome.response.body == "{\"n\":3}");
  CHECK(server.connections_accepted() == 2);
}

TEST_CASE("A reset in the middle of the body is an error, never a success") {
  FakeLlmServer server([](const FakeRequest&) {
    return FakeReply::WithFault(FakeFault::kResetMidBody, std::string(20000, 'a'));
  });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "reset");
}

TEST_CASE("A stalled server gives a timeout error") {
  FakeLlmServer server([](const FakeRequest&) { return Stalled(20000); });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), milliseconds(300));
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "timeout");
  CHECK(outcome.error.find("300 ms") != std::string::npos);
}

TEST_CASE("Each request times out at its own deadline, a shorter one after a longer one too") {
  FakeLlmServer server([](const FakeRequest&) { return Stalled(20000); });
  HttpClient client(Direct());
  std::mutex mutex;
  std::condition_variable changed;
  std::optional<HttpOutcome> long_outcome, short_outcome;
  bool long_done_when_short_done = false;
  client.Send(Get(server.base_url() + "/long"), milliseconds(4000), [&](HttpOutcome outcome) {
    std::lock_guard<std::mutex> lock(mutex);
    long_outcome = std::move(outcome);
    changed.notify_all();
  });
  client.Send(Get(server.base_url() + "/short"), milliseconds(300), [&](HttpOutcome outcome) {
    std::lock_guard<std::mutex> lock(mutex);
    short_outcome = std::move(outcome);
    long_done_when_short_done = long_outcome.has_value();
    changed.notify_all();
  });
  std::unique_lock<std::mutex> lock(mutex);
  changed.wait(lock, [&] { return long_outcome && short_outcome; });
  // The short deadline did not wait for the long one (which would make it last 4 s).
  CHECK_FALSE(long_done_when_short_done);
  CHECK(short_outcome->elapsed_ms < 4000);
  CHECK(short_outcome->error_kind == "timeout");
  CHECK(short_outcome->error.find("300 ms") != std::string::npos);
  CHECK(long_outcome->error_kind == "timeout");
  CHECK(long_outcome->error.find("4000 ms") != std::string::npos);
}

TEST_CASE("A finished request's deadline does not cut short the next one") {
  FakeLlmServer server([](const FakeRequest& request) {
    if (request.target == "/quick") return FakeReply::Json(R"({"quick":true})");
    return Stalled(800, R"({"slow":true})");  // well past the quick request's 200 ms deadline
  });
  HttpClient client(Direct());
  const HttpOutcome quick = client.SendSync(Get(server.base_url() + "/quick"), milliseconds(200));
  REQUIRE(quick.ok);
  const HttpOutcome slow = client.SendSync(Get(server.base_url() + "/slow"), kTimeout);
  CHECK(slow.ok);
  CHECK(slow.response.body == R"({"slow":true})");
}

TEST_CASE("A connect that is never accepted times out") {
  // A listener with a full accept queue: further SYNs are dropped, so connect() hangs.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 0) == 0);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    fillers.push_back(fd);
  }
  HttpClient client(Direct());
  const HttpOutcome outcome =
      client.SendSync(Get("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/"), milliseconds(500));
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "timeout");
  for (int fd : fillers) ::close(fd);
  ::close(listener);
}

TEST_CASE("A dripping server still delivers the whole body") {
  FakeLlmServer server([](const FakeRequest&) {
    FakeReply reply = FakeReply::WithFault(FakeFault::kDrip, R"({"slow":"but complete"})");
    reply.drip_delay_ms = 1;
    return reply;
  });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  REQUIRE(outcome.ok);
  CHECK(outcome.response.body == R"({"slow":"but complete"})");
}

TEST_CASE("A body shorter than its Content-Length is an error") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::WithFault(FakeFault::kTruncatedBody); });
  HttpClient client(Direct());
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "reset");
  CHECK(outcome.error.find("truncated") != std::string::npos);
}

TEST_CASE("A body over the size cap is a too_large error") {
  FakeLlmServer server([](const FakeRequest& request) {
    FakeReply reply = FakeReply::Oversized(64 * 1024);
    reply.chunked = request.target == "/chunked";
    return reply;
  });
  HttpClientOptions options = Direct();
  options.max_response_bytes = 16 * 1024;
  HttpClient client(options);
  for (const char* target : {"/plain", "/chunked"}) {
    const HttpOutcome outcome = client.SendSync(Get(server.base_url() + target), kTimeout);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error_kind == "too_large");
  }
}

TEST_CASE("A refused connection is a connect error") {
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);  // nobody listens there now
  HttpClient client(Direct());
  const HttpOutcome outcome =
      client.SendSync(Get("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/"), kTimeout);
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "connect");
}

TEST_CASE("Malformed URLs and header injection are rejected without echoing secrets") {
  HttpClient client(Direct());
  const HttpOutcome bad_url = client.SendSync(Get("ftp://127.0.0.1/?key=sk-secret"), kTimeout);
  CHECK(bad_url.error_kind == "bad_url");
  CHECK(bad_url.error.find("sk-secret") == std::string::npos);

  HttpRequest request = Get("http://127.0.0.1:1/");
  request.headers = {{"Authorization", "Bearer sk-secret\r\nX-Evil: 1"}};
  const HttpOutcome injected = client.SendSync(request, kTimeout);
  CHECK_FALSE(injected.ok);
  CHECK(injected.error_kind == "protocol");
  CHECK(injected.error.find("sk-secret") == std::string::npos);
}

TEST_CASE("TLS to an untrusted server is refused by default, saying why") {
  FakeServerOptions tls;
  tls.cert_file = Certificates().localhost_cert();
  tls.key_file = Certificates().localhost_key();
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); }, tls);
  ScopedEnv no_cert_file("SSL_CERT_FILE", nullptr);
  HttpClient client(Direct());
  const HttpOutcome outcome =
      client.SendSync(Get("https://localhost:" + std::to_string(server.port()) + "/"), kTimeout);
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "tls");
  CHECK(outcome.error.find("certificate") != std::string::npos);
  CHECK(server.request_count() == 0);
}

TEST_CASE("TLS with the CA file succeeds, sends SNI, and reuses the connection") {
  FakeServerOptions tls;
  tls.cert_file = Certificates().localhost_cert();
  tls.key_file = Certificates().localhost_key();
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(R"({"secure":true})"); }, tls);
  HttpClientOptions options = Direct();
  options.ca_file = Certificates().ca_file();
  HttpClient client(options);
  const std::string url = "https://localhost:" + std::to_string(server.port()) + "/v1/chat";
  const HttpOutcome first = client.SendSync(Get(url), kTimeout);
  REQUIRE(first.ok);
  CHECK(first.response.body == R"({"secure":true})");
  REQUIRE(client.SendSync(Get(url), kTimeout).ok);
  CHECK(server.connections_accepted() == 1);
  const std::vector<FakeRequest> seen = server.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].sni == "localhost");

  // An IP literal: no SNI (RFC 6066), and the certificate's IP SAN is what is checked.
  const HttpOutcome by_ip = client.SendSync(Get(server.base_url() + "/"), kTimeout);
  REQUIRE(by_ip.ok);
  CHECK(server.requests().back().sni.empty());
}

namespace {

// A TLS server that closes every connection after its reply, so each request opens a new
// connection and handshakes again; the requests it saw, in order.
std::vector<FakeRequest> ThreeClosedConnections(int max_tls_version, std::vector<std::string> urls_after = {}) {
  FakeServerOptions tls;
  tls.cert_file = Certificates().localhost_cert();
  tls.key_file = Certificates().localhost_key();
  tls.max_tls_version = max_tls_version;
  FakeLlmServer server(
      [](const FakeRequest&) {
        FakeReply reply = FakeReply::Json(R"({"ok":true})");
        reply.close_connection = true;
        return reply;
      },
      tls);
  HttpClientOptions options = Direct();
  options.ca_file = Certificates().ca_file();
  HttpClient client(options);
  const std::string port = std::to_string(server.port());
  std::vector<std::string> urls(3, "https://localhost:" + port + "/v1");
  for (const std::string& path : urls_after) urls.push_back("https://" + path + ":" + port + "/v1");
  for (const std::string& url : urls) REQUIRE(client.SendSync(Get(url), kTimeout).ok);
  CHECK(server.connections_accepted() == static_cast<int>(urls.size()));
  return server.requests();
}

}  // namespace

TEST_CASE("A new TLS 1.3 connection resumes a session of the same origin, and only of it") {
  const std::vector<FakeRequest> seen = ThreeClosedConnections(0, {"127.0.0.1"});
  REQUIRE(seen.size() == 4);
  CHECK_FALSE(seen[0].tls_resumed);  // nothing to resume yet: a full handshake
  CHECK(seen[1].tls_resumed);        // the ticket from the first connection
  CHECK(seen[2].tls_resumed);        // each ticket is used once; the second handshake brought new ones
  CHECK_FALSE(seen[3].tls_resumed);  // 127.0.0.1 is another origin: never offered localhost's tickets
}

TEST_CASE("A TLS 1.2 session is resumed by every later connection to its origin") {
  const std::vector<FakeRequest> seen = ThreeClosedConnections(TLS1_2_VERSION);
  REQUIRE(seen.size() == 3);
  CHECK_FALSE(seen[0].tls_resumed);
  CHECK(seen[1].tls_resumed);
  CHECK(seen[2].tls_resumed);
}

TEST_CASE("TLS detects a certificate issued for another host name") {
  FakeServerOptions tls;
  tls.cert_file = Certificates().other_cert();
  tls.key_file = Certificates().other_key();
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); }, tls);
  HttpClientOptions options = Direct();
  options.ca_file = Certificates().ca_file();
  HttpClient client(options);
  const HttpOutcome outcome =
      client.SendSync(Get("https://localhost:" + std::to_string(server.port()) + "/"), kTimeout);
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.error_kind == "tls");
  CHECK(outcome.error.find("hostname mismatch") != std::string::npos);
}

TEST_CASE("An unreadable CA file is a configuration error") {
  HttpClientOptions options = Direct();
  options.ca_file = "/nonexistent/kinship-ca.pem";
  CHECK_THROWS_AS(HttpClient(options), ConfigError);
}

TEST_CASE("HTTPS goes through the HTTPS_PROXY CONNECT tunnel") {
  FakeServerOptions tls;
  tls.cert_file = Certificates().localhost_cert();
  tls.key_file = Certificates().localhost_key();
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(R"({"via":"tunnel"})"); }, tls);
  FakeProxy proxy;
  NoProxyEnvironment clean;
  ScopedEnv https_proxy("HTTPS_PROXY", proxy.url().c_str());
  HttpClientOptions options;
  options.ca_file = Certificates().ca_file();
  HttpClient client(options);
  const HttpOutcome outcome = client.SendSync(Get(server.base_url() + "/v1"), kTimeout);
  REQUIRE(outcome.ok);
  CHECK(outcome.response.body == R"({"via":"tunnel"})");
  const std::vector<std::string> lines = proxy.connect_lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "CONNECT 127.0.0.1:" + std::to_string(server.port()) + " HTTP/1.1");

  // A host name through the tunnel: SNI is the target's name, not the proxy's.
  const HttpOutcome named =
      client.SendSync(Get("https://localhost:" + std::to_string(server.port()) + "/"), kTimeout);
  REQUIRE(named.ok);
  CHECK(server.requests().back().sni == "localhost");
}

TEST_CASE("HTTP_PROXY credentials are sent as Proxy-Authorization") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); });
  FakeProxy proxy;
  NoProxyEnvironment clean;
  const std::string proxy_url = "http://user:p%40ss@127.0.0.1:" + std::to_string(proxy.port());
  ScopedEnv http_proxy("http_proxy", proxy_url.c_str());
  HttpClient client;
  REQUIRE(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  REQUIRE(proxy.authorizations().size() == 1);
  CHECK(proxy.authorizations()[0] == "Basic dXNlcjpwQHNz");
  CHECK_FALSE(server.requests().at(0).Header("proxy-authorization"));  // stays at the proxy
}

TEST_CASE("NO_PROXY hosts bypass the proxy") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json("{}"); });
  FakeProxy proxy;
  NoProxyEnvironment clean;
  ScopedEnv http_proxy("HTTP_PROXY", proxy.url().c_str());
  ScopedEnv no_proxy("NO_PROXY", "example.com,127.0.0.1");
  HttpClient client;
  REQUIRE(client.SendSync(Get(server.base_url() + "/"), kTimeout).ok);
  CHECK(proxy.connect_lines().empty());
  CHECK(server.request_count() == 1);
}

TEST_CASE("RunAfter runs functions in deadline order on the I/O thread") {
  HttpClient client(Direct());
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<int> order;
  for (int delay : {300, 100, 200}) {
    client.RunAfter(milliseconds(delay), [&, delay] {
      std::lock_guard<std::mutex> lock(mutex);
      order.push_back(delay);
      cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(mutex);
  cv.wait(lock, [&] { return order.size() == 3; });
  CHECK(order == std::vector<int>{100, 200, 300});
}

TEST_CASE("Destroying the client cancels outstanding requests and flushes RunAfter") {
  FakeLlmServer server([](const FakeRequest&) { return Stalled(20000); });
  std::vector<std::string> kinds;
  bool ran_early = false;
  {
    HttpClient client(Direct());
    client.Send(Get(server.base_url() + "/"), milliseconds(60000),
                [&kinds](HttpOutcome outcome) { kinds.push_back(outcome.error_kind); });
    client.RunAfter(milliseconds(60000), [&ran_early] { ran_early = true; });
    // Wait until the request is on the wire, so cancellation hits an in-flight exchange.
    for (int i = 0; i < 1000 && server.request_count() == 0; ++i) usleep(5000);
  }
  REQUIRE(kinds.size() == 1);
  CHECK(kinds[0] == "cancelled");
  CHECK(ran_early);
}

}  // namespace
}  // namespace kinship
