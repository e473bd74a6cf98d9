// The only file that sees Asio, Beast and OpenSSL (compile firewall, toolchain.md §8).
// It is compiled twice (http_transport.h): with Asio's epoll reactor into kinship_net, and
// with BOOST_ASIO_HAS_IO_URING + BOOST_ASIO_DISABLE_EPOLL into the kinship-io_uring module;
// the code is the same, only Asio's reactor underneath differs.
// Compile-time budget: the request exchange is one coroutine template instantiated for
// exactly two stream types (TCP socket, TLS-over-TCP); the proxy CONNECT reuses the TCP
// instantiation; timeouts and cancellation use one deadline timer for all requests instead
// of per-operation timeout wrappers, so no extra stream layers are instantiated.
#include "harness/net/asio_transport.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "harness/core/ascii_case.h"
#include "harness/core/config_error.h"
#include "harness/net/proxy_settings.h"
#include "harness/net/tls_session_keeper.h"
#include "harness/net/url.h"

namespace kinship {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// Reads one HTTP response straight into an HttpResponse: status, header names lower-cased
// (ASCII, not the locale's) and the body. Beast's own response_parser first built a message
// whose fields are one heap node each, which were then copied out: six more allocations
// and two copies per request. Framing, limits, keep-alive and chunking stay Beast's
// (basic_parser); a reader, like Beast's parsers, reads one message only.
class ResponseReader : public http::basic_parser<false> {
 public:
  // The response read so far; complete once the read finished without error.
  HttpResponse& response() { return response_; }

 private:
  // A typical API answer has about ten header fields; one allocation takes them all.
  static constexpr std::size_t kExpectedFields = 16;
  static constexpr std::uint64_t kMaxReserve = 1 << 20;

  void on_request_impl(http::verb, beast::string_view, beast::string_view, int,
                       error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, error_code&) override {
    response_.status = code;
  }
  void on_field_impl(http::field, beast::string_view name, beast::string_view value,
                     error_code&) override {
    if (response_.headers.empty()) response_.headers.reserve(kExpectedFields);
    // Built in place in the vector's slot: no temporaries to construct and move from.
    auto& [lower, copy] = response_.headers.emplace_back();
    lower.resize(name.size());
    std::transform(name.begin(), name.end(), lower.begin(), AsciiLower);
    copy.assign(value.data(), value.size());
  }
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                         error_code&) override {
    // Beast has checked the length against the body limit, but there may be no limit:
    // a claimed length is trusted only up to a size that cannot exhaust memory.
    if (content_length) {
      response_.body.reserve(static_cast<std::size_t>(std::min(*content_length, kMaxReserve)));
    }
  }
  std::size_t on_body_impl(beast::string_view body, error_code&) override {
    response_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, error_code& ec) override {
    return on_body_impl(body, ec);
  }
  void on_finish_impl(error_code&) override {}

  HttpResponse response_;
};
using Parser = ResponseReader;

// Servers drop idle keep-alive connections after 5-120 s; reusing one that is older than
// this is likely to hit a half-closed socket, so it is discarded instead.
constexpr auto kMaxIdleAge = std::chrono::seconds(30);
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
constexpr auto kDnsTtl = std::chrono::seconds(60);

// One TCP connection, maybe wrapped in TLS, with its read buffer (reused across the
// requests of a keep-alive connection, so steady state allocates no read buffers).
struct Connection {
  // Room for a typical whole answer, so it arrives in one recv: an empty flat_buffer asks
  // for 512 bytes, which split every small JSON answer into two reads.
  static constexpr std::size_t kInitialReadBuffer = 4096;
  explicit Connection(const asio::any_io_executor& executor) : plain(executor) {
    buffer.reserve(kInitialReadBuffer);
  }
  std::string tls_origin;  // https: "host:port", the key of its TLS sessions (outlives `secure`)
  tcp::socket plain;  // moved into `secure` for https
  std::optional<ssl::stream<tcp::socket>> secure;
  beast::flat_buffer buffer;
  Clock::time_point idle_since;
  tcp::socket& Socket() { return secure ? secure->next_layer() : plain; }
};

// The cancellable state of one Send, on its coroutine's frame and listed among the active
// attempts while it runs (ActiveAttempt). Everything here is used on the I/O thread only.
struct Attempt {
  Clock::time_point deadline;         // aborted as "timeout" from then on
  tcp::resolver* resolver = nullptr;  // what the request is waiting on right now
  asio::steady_timer* dns_wait = nullptr;  // another request's lookup of the same host
  tcp::socket* socket = nullptr;
  const char* abort_kind = nullptr;   // "timeout" or "cancelled" once aborted
  bool finished = false;
  std::size_t active_index = 0;       // its place in the client's list of active attempts

  void Abort(const char* kind) {
    if (finished || abort_kind != nullptr) return;
    abort_kind = kind;
    if (resolver != nullptr) resolver->cancel();
    if (dns_wait != nullptr) dns_wait->cancel();  // wakes every waiter; the others wait again
    if (socket != nullptr) {
      error_code ignored;
      socket->close(ignored);  // pending reads/writes/connects complete with an error
    }
  }
};

void Fail(HttpOutcome& out, const char* kind, std::string message) {
  out.ok = false;
  out.error_kind = kind;
  out.error = std::move(message);
}

void FailAborted(HttpOutcome& out, const Attempt& attempt, std::chrono::milliseconds timeout) {
  if (std::string_view(attempt.abort_kind) == "timeout") {
    Fail(out, "timeout", "no complete response within " + std::to_string(timeout.count()) + " ms");
  } else {
    Fail(out, "cancelled", "the HTTP client was shut down");
  }
}

// RFC 9110 tchar, as a table: the method and every header name of every request are
// checked, and a search of the separator list per byte was a memchr call each.
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0x21; c < 0x7f; ++c) {
    table[c] = std::string_view("\"(),/:;<=>?@[\\]{}").find(static_cast<char>(c)) == std::string_view::npos;
  }
  return table;
}();

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (unsigned char c : text) {
    if (!kTokenChars[c]) return false;
  }
  return true;
}

bool IsFieldValue(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// The "Host: ...\r\n" line of a request to `url`: the port only when it is not the
// scheme's default, brackets around an IPv6 literal.
std::string HostLine(const Url& url) {
  const bool default_port = url.port == (url.https ? 443 : 80);
  std::string host;
  if (default_port) {
    host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  } else {
    host = url.Authority();
  }
  return "Host: " + host + "\r\n";
}

// Serialises the request line, headers and body into one buffer, so the write is a single
// buffer (one instantiation, one TLS record for small requests). The transport owns the
// framing headers; caller-provided copies of them are dropped. It runs once per request:
// the buffer is sized once for the longest possible result and the pieces are copied in
// (eighteen std::string appends, ten of them strlen'd, and a to_string were a visible
// share of a request's CPU), then trimmed to what was written.
bool BuildWire(const HttpRequest& request, const Url& url, std::string_view host_line, std::string& wire,
               HttpOutcome& out) {
  using namespace std::string_view_literals;
  if (!IsToken(request.method)) {
    Fail(out, "protocol", "invalid HTTP method");
    return false;
  }
  // 128 covers the fixed text: " ", " HTTP/1.1\r\n", the Content-Length line with up to
  // 20 digits and "Connection: keep-alive\r\n\r\n" (76 bytes).
  std::size_t size = request.method.size() + url.target.size() + host_line.size() + request.body.size() + 128;
  for (const auto& [name, value] : request.headers) size += name.size() + value.size() + 4;
  wire.resize(size);
  char* end = wire.data();
  auto put = [&end](std::string_view piece) {
    std::memcpy(end, piece.data(), piece.size());
    end += piece.size();
  };
  put(request.method);
  put(" "sv);
  put(url.target);
  put(" HTTP/1.1\r\n"sv);
  put(host_line);
  int index = 0;
  for (const auto& [name, value] : request.headers) {
    ++index;
    if (!IsToken(name) || !IsFieldValue(value)) {
      // Never quote the value: headers carry API keys.
      Fail(out, "protocol", "request header #" + std::to_string(index) + " has an invalid name or value");
      return false;
    }
    if (AsciiEqualsIgnoreCase(name, "host"sv) || AsciiEqualsIgnoreCase(name, "content-length"sv) ||
        AsciiEqualsIgnoreCase(name, "connection"sv) || AsciiEqualsIgnoreCase(name, "transfer-encoding"sv) ||
        AsciiEqualsIgnoreCase(name, "accept-encoding"sv)) {
      continue;  // framing is ours; no Accept-Encoding because nothing here inflates gzip
    }
    put(name);
    put(": "sv);
    put(value);
    put("\r\n"sv);
  }
  const bool has_body = !request.body.empty() || request.method == "POST"sv ||
                        request.method == "PUT"sv || request.method == "PATCH"sv;
  if (has_body) {
    put("Content-Length: "sv);
    end = std::to_chars(end, end + 20, request.body.size()).ptr;
    put("\r\n"sv);
  }
  put("Connection: keep-alive\r\n\r\n"sv);
  put(request.body);
  wire.resize(static_cast<std::size_t>(end - wire.data()));
  return true;
}

// Writes `wire`, then reads one response into `parser`. The only stream-generic code.
//
// Both halves are Asio's and Beast's algorithms written out. The write is a loop of
// write_some calls (asio::async_write). The read is http::async_read: eager parsing of
// what is buffered, then one socket read at a time (at least 512 bytes of room, at most
// 64 KiB); end of stream before any response byte is http::error::end_of_stream, inside a
// message the parser decides (done, or partial_message). Their versions run as layers of
// composed operations, each with its own state, allocations and executor hops, a visible
// share of a loopback request's CPU (bench/README.md); the parser, its limits and errors
// are the same.
template <class Stream>
asio::awaitable<error_code> Exchange(Stream& stream, beast::flat_buffer& buffer,
                                     const std::string& wire, Parser& parser) {
  constexpr std::size_t kMinRead = 512;
  constexpr std::size_t kMaxRead = 64 * 1024;
  error_code ec;
  // Operations are awaited as deferred operations: use_awaitable would run each one's
  // initiation as a coroutine of its own, a frame allocated and freed per read and write.
  for (std::size_t written = 0; written < wire.size();) {  // asio::async_write, written out
    const auto [write_error, sent] = co_await stream.async_write_some(
        asio::buffer(wire.data() + written, wire.size() - written), asio::as_tuple(asio::deferred));
    if (write_error) co_return write_error;
    written += sent;
  }
  parser.eager(true);
  while (!parser.is_done()) {
    if (buffer.size() > 0) {
      const std::size_t used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      if (!ec && used > 0) continue;
      if (ec && ec != http::error::need_more) co_return ec;
      ec = {};
    }
    const std::size_t room = std::min(std::max(kMinRead, buffer.capacity() - buffer.size()),
                                      std::min(kMaxRead, buffer.max_size() - buffer.size()));
    if (room == 0) co_return error_code(http::error::buffer_overflow);
    const auto [read_error, got] = co_await stream.async_read_some(buffer.prepare(room), asio::as_tuple(asio::deferred));
    ec = read_error;
    buffer.commit(got);
    if (ec == asio::error::eof) {
      if (!parser.got_some()) co_return error_code(http::error::end_of_stream);
      ec = {};
      parser.put_eof(ec);  // done for a message that ends at the close, else partial_message
      co_return ec;
    }
    if (ec) co_return ec;
  }
  co_return error_code{};
}

// The peer went away (typical of a pooled connection the server has already closed).
bool IsConnectionLoss(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == asio::error::bad_descriptor ||
         ec == ssl::error::stream_truncated;
}

void ClassifyExchangeError(const error_code& ec, std::size_t max_body, HttpOutcome& out) {
  if (ec == http::error::body_limit) {
    Fail(out, "too_large", "response body exceeds the limit of " + std::to_string(max_body) + " bytes");
  } else if (ec == http::error::header_limit) {
    Fail(out, "too_large", "response headers exceed " + std::to_string(kHeaderLimit) + " bytes");
  } else if (ec == http::error::end_of_stream) {
    Fail(out, "reset", "the server closed the connection without responding");
  } else if (ec == http::error::partial_message || ec == ssl::error::stream_truncated) {
    Fail(out, "reset", "the connection closed before the response was complete (truncated)");
  } else if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
    Fail(out, "protocol", "malformed HTTP response: " + ec.message());
  } else {
    Fail(out, "reset", "connection failed during the exchange: " + ec.message());
  }
}

std::string TlsFailureMessage(SSL* ssl, const error_code& ec) {
  const long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) {
    return std::string("TLS certificate verification failed: ") + X509_verify_cert_error_string(verify);
  }
  return "TLS handshake failed: " + ec.message();
}

class AsioTransport final : public HttpTransport {
 public:
  explicit AsioTransport(HttpClientOptions options)
      : options_(std::move(options)), work_(asio::make_work_guard(io_)) {
#if defined(BOOST_ASIO_HAS_IO_URING) && defined(BOOST_ASIO_DISABLE_EPOLL)
    // Opening a socket starts Asio's io_uring service here, on this thread, so a kernel that
    // refuses io_uring (old, disabled, or a container's seccomp filter) is a system_error
    // for the caller to handle rather than an exception on the I/O thread.
    tcp::socket(io_).open(tcp::v4());
#endif
    // A --ca-file is loaded here, so that an unreadable one is a ConfigError before
    // anything is sent; otherwise the TLS context (OpenSSL start-up and the system trust
    // store, tens of milliseconds) waits for the first https connection.
    if (!options_.ca_file.empty()) Tls();
    if (options_.use_proxy_env) proxy_ = ProxySettingsFromEnvironment();
    thread_ = std::thread([this] { io_.run(); });
  }

  ~AsioTransport() override {
    asio::post(io_, [this] {
      stopping_ = true;
      for (Attempt* attempt : active_) attempt->Abort("cancelled");
      deadline_timer_.cancel();
      for (asio::steady_timer* timer : timers_) timer->cancel();  // their functions run now
      idle_.clear();
    });
    work_.reset();  // run() returns once the aborted requests have reported
    thread_.join();
  }

  void Send(HttpRequest request, std::chrono::milliseconds timeout,
            std::function<void(HttpOutcome)> done) override {
    asio::co_spawn(io_, Run(std::move(request), timeout, std::move(done), Clock::now()), asio::detached);
  }

  void RunAfter(std::chrono::milliseconds delay, std::function<void()> fn) override {
    asio::post(io_, [this, delay, fn = std::move(fn)]() mutable {
      if (stopping_) return fn();
      auto timer = std::make_shared<asio::steady_timer>(io_, delay);
      timers_.insert(timer.get());
      timer->async_wait([this, timer, fn = std::move(fn)](const error_code&) {
        timers_.erase(timer.get());
        fn();  // also on cancellation: the scheduler's follow-up then sees "cancelled"
      });
    });
  }

  void Post(std::function<void()> fn) override { asio::post(io_, std::move(fn)); }

  HttpClientStats stats() const override {
    HttpClientStats s;
    s.connections_opened = opened_.load(std::memory_order_relaxed);
    s.requests_sent = sent_.load(std::memory_order_relaxed);
    s.connections_reused = reused_.load(std::memory_order_relaxed);
    s.dns_lookups = dns_lookups_.load(std::memory_order_relaxed);
    return s;
  }

 private:
  asio::awaitable<void> Run(HttpRequest request, std::chrono::milliseconds timeout,
                            std::function<void(HttpOutcome)> done, Clock::time_point start) {
    HttpOutcome out;
    try {
      co_await Execute(request, timeout, out);
    } catch (const std::exception& e) {
      Fail(out, "protocol", std::string("internal transport error: ") + e.what());
    }
    out.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    done(std::move(out));
  }

  asio::awaitable<void> Execute(const HttpRequest& request, std::chrono::milliseconds timeout, HttpOutcome& out) {
    if (stopping_) {
      Fail(out, "cancelled", "the HTTP client was shut down");
      co_return;
    }
    const std::shared_ptr<const ParsedUrl> parsed = Parse(request.url);
    const Url* url = parsed ? &parsed->url : nullptr;
    if (url == nullptr) {
      // The URL itself is not quoted: some APIs put keys in the query string.
      Fail(out, "bad_url", "not an absolute http:// or https:// URL");
      co_return;
    }
    const ProxyEndpoint* proxy = proxy_.For(*url);
    if (proxy != nullptr && !proxy->invalid_reason.empty()) {
      Fail(out, "proxy", (url->https ? "HTTPS_PROXY: " : "HTTP_PROXY: ") + proxy->invalid_reason);
      co_return;
    }
    std::string wire;
    if (!BuildWire(request, *url, parsed->host_line, wire, out)) co_return;

    ActiveAttempt active(*this, Clock::now() + timeout);
    Attempt* const attempt = &active.attempt;

    const std::string& key = parsed->origin;
    for (int round = 0; round < 2; ++round) {
      // Round 1 exists only to replace a pooled connection that proved dead.
      std::unique_ptr<Connection> conn = round == 0 ? TakeIdle(key) : nullptr;
      const bool reused = conn != nullptr;
      if (reused) {
        reused_.fetch_add(1, std::memory_order_relaxed);
      } else {
        conn = co_await Open(*url, proxy, *attempt, timeout, out);
        if (!conn) break;
      }
      Parser parser;
      parser.header_limit(kHeaderLimit);
      if (options_.max_response_bytes > 0) {
        parser.body_limit(options_.max_response_bytes);
      } else {
        parser.body_limit(boost::none);
      }
      if (request.method == "HEAD") parser.skip(true);
      sent_.fetch_add(1, std::memory_order_relaxed);
      attempt->socket = &conn->Socket();
      const error_code ec = conn->secure ? co_await Exchange(*conn->secure, conn->buffer, wire, parser)
                                         : co_await Exchange(conn->plain, conn->buffer, wire, parser);
      attempt->socket = nullptr;
      if (attempt->abort_kind != nullptr) {
        FailAborted(out, *attempt, timeout);
        break;
      }
      if (ec) {
        if (reused && round == 0 && !parser.got_some() && IsConnectionLoss(ec)) continue;
        ClassifyExchangeError(ec, options_.max_response_bytes, out);
        break;
      }
      const bool reusable = parser.keep_alive() && !parser.need_eof() && conn->buffer.size() == 0;
      out.ok = true;
      out.response = std::move(parser.response());
      if (reusable) ReturnIdle(key, std::move(conn));
      break;
    }
  }

  // An Attempt listed in active_ for exactly its lifetime, however the coroutine ends.
  struct ActiveAttempt {
    ActiveAttempt(AsioTransport& transport, Clock::time_point deadline) : owner(transport) {
      attempt.deadline = deadline;
      owner.AddActive(attempt);
    }
    ~ActiveAttempt() {
      attempt.finished = true;
      owner.RemoveActive(attempt);
    }
    ActiveAttempt(const ActiveAttempt&) = delete;
    ActiveAttempt& operator=(const ActiveAttempt&) = delete;
    AsioTransport& owner;
    Attempt attempt;
  };

  void AddActive(Attempt& attempt) {
    attempt.active_index = active_.size();
    active_.push_back(&attempt);
    if (attempt.deadline < deadline_armed_) ArmDeadlineTimer(attempt.deadline);
  }

  // O(1) and allocation-free (a hash set of attempts cost a node per request): the last
  // attempt takes the removed one's place.
  void RemoveActive(const Attempt& attempt) {
    Attempt* const last = active_.back();
    active_[attempt.active_index] = last;
    last->active_index = attempt.active_index;
    active_.pop_back();
  }

  // Timeouts: one timer, armed for the earliest deadline among the active attempts (a timer
  // per request cost a timer-queue insertion, a cancellation and a handler run per
  // request). With one timeout per model, deadlines arrive in order, so a new attempt
  // re-arms it only when it is idle; an attempt that finishes leaves it armed, and when it
  // fires it aborts what has expired and re-arms for the earliest deadline still ahead.
  void ArmDeadlineTimer(Clock::time_point at) {
    if (stopping_) return;
    deadline_armed_ = at;
    deadline_timer_.expires_at(at);  // cancels the wait for a later deadline, if any
    deadline_timer_.async_wait([this](const error_code& ec) {
      if (!ec) OnDeadline();
    });
  }

  void OnDeadline() {
    deadline_armed_ = Clock::time_point::max();
    const Clock::time_point now = Clock::now();
    Clock::time_point next = Clock::time_point::max();
    for (Attempt* attempt : active_) {  // Abort only closes sockets: active_ stays as it is
      if (attempt->deadline <= now) {
        attempt->Abort("timeout");
      } else {
        next = std::min(next, attempt->deadline);
      }
    }
    if (next != Clock::time_point::max()) ArmDeadlineTimer(next);
  }

  // A request URL parsed, with its pool key. Every request to a model goes to the same URL,
  // so the last one is kept: parsing it for each request cost a few allocations. Shared,
  // because a request holds it across its suspensions while others replace the last one.
  struct ParsedUrl {
    std::string text;
    Url url;
    std::string origin;
    std::string host_line;  // HostLine(url), built once rather than per request
  };

  std::shared_ptr<const ParsedUrl> Parse(const std::string& text) {
    if (!last_url_ || last_url_->text != text) {
      std::optional<Url> url = ParseUrl(text);
      if (!url) return nullptr;
      std::string origin = url->Origin();
      std::string host_line = HostLine(*url);
      last_url_ = std::make_shared<const ParsedUrl>(
          ParsedUrl{text, std::move(*url), std::move(origin), std::move(host_line)});
    }
    return last_url_;
  }

  // The endpoints of host:port, from the cache while fresh, else from one lookup shared by
  // every request that needs it while it runs. Sets `ec` to the lookup's error.
  asio::awaitable<tcp::resolver::results_type> Resolve(const std::string& host, const std::string& port,
                                                       Attempt& attempt, error_code& ec) {
    const std::string key = host + ":" + port;
    for (;;) {
      auto found = dns_.find(key);
      if (found != dns_.end() && found->second.lookup) {
        // Another request is resolving this host: wait for its answer.
        const std::shared_ptr<asio::steady_timer> lookup = found->second.lookup;
        attempt.dns_wait = lookup.get();
        co_await lookup->async_wait(asio::as_tuple(asio::use_awaitable));
        attempt.dns_wait = nullptr;
        if (attempt.abort_kind != nullptr) co_return tcp::resolver::results_type();
        auto answered = dns_.find(key);
        if (answered == dns_.end() || answered->second.lookup) continue;  // abandoned: look again
        ec = answered->second.error;
        co_return answered->second.endpoints;
      }
      if (found != dns_.end() && !found->second.error && Clock::now() < found->second.expires) {
        co_return found->second.endpoints;
      }
      break;
    }
    auto lookup = std::make_shared<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
    dns_[key] = DnsEntry{{}, {}, {}, lookup};
    tcp::resolver resolver(io_);
    attempt.resolver = &resolver;
    auto endpoints = co_await resolver.async_resolve(host, port, asio::redirect_error(asio::use_awaitable, ec));
    attempt.resolver = nullptr;
    dns_lookups_.fetch_add(1, std::memory_order_relaxed);
    if (attempt.abort_kind != nullptr) {
      dns_.erase(key);  // this request gave up; a waiter starts a lookup of its own
    } else {
      // A failure is handed to the requests waiting now, never kept for later ones.
      dns_[key] = DnsEntry{endpoints, Clock::now() + kDnsTtl, ec, nullptr};
    }
    lookup->cancel();  // wakes the waiters
    co_return endpoints;
  }

  // Resolve, connect, optional proxy tunnel, optional TLS. Null (and `out` filled) on failure.
  asio::awaitable<std::unique_ptr<Connection>> Open(const Url& url, const ProxyEndpoint* proxy, Attempt& attempt,
                                                    std::chrono::milliseconds timeout, HttpOutcome& out) {
    const Url& hop = proxy != nullptr ? proxy->url : url;
    const char* hop_kind = proxy != nullptr ? "proxy" : nullptr;
    auto conn = std::make_unique<Connection>(io_.get_executor());
    error_code ec;
    tcp::resolver::results_type endpoints;
    const std::string port = std::to_string(hop.port);
    if (hop.host_is_ip_literal) {
      const auto address = asio::ip::make_address(hop.host, ec);
      endpoints = tcp::resolver::results_type::create(tcp::endpoint(address, hop.port), hop.host, port);
    } else {
      endpoints = co_await Resolve(hop.host, port, attempt, ec);
      if (attempt.abort_kind != nullptr) {
        FailAborted(out, attempt, timeout);
        co_return nullptr;
      }
      if (ec) {
        Fail(out, hop_kind ? hop_kind : "dns", "cannot resolve '" + hop.host + "': " + ec.message());
        co_return nullptr;
      }
    }
    attempt.socket = &conn->plain;
    co_await asio::async_connect(conn->plain, endpoints, asio::redirect_error(asio::use_awaitable, ec));
    attempt.socket = nullptr;
    if (attempt.abort_kind != nullptr) {
      FailAborted(out, attempt, timeout);
      co_return nullptr;
    }
    if (ec) {
      Fail(out, hop_kind ? hop_kind : "connect",
           std::string(proxy ? "cannot connect to proxy " : "cannot connect to ") + hop.Authority() + ": " + ec.message());
      co_return nullptr;
    }
    opened_.fetch_add(1, std::memory_order_relaxed);
    conn->plain.set_option(tcp::no_delay(true), ec);  // requests are single writes; Nagle only adds latency

    if (proxy != nullptr) {
      std::string wire = "CONNECT " + url.Authority() + " HTTP/1.1\r\nHost: " + url.Authority() + "\r\n";
      if (!proxy->authorization.empty()) wire += "Proxy-Authorization: " + proxy->authorization + "\r\n";
      wire += "\r\n";
      Parser parser;
      parser.skip(true);  // a 2xx answer to CONNECT has no body; the tunnel follows
      attempt.socket = &conn->plain;
      ec = co_await Exchange(conn->plain, conn->buffer, wire, parser);
      attempt.socket = nullptr;
      if (attempt.abort_kind != nullptr) {
        FailAborted(out, attempt, timeout);
        co_return nullptr;
      }
      if (ec) {
        Fail(out, "proxy", "proxy " + hop.Authority() + " failed during CONNECT: " + ec.message());
        co_return nullptr;
      }
      const int status = parser.response().status;
      if (status < 200 || status > 299) {
        Fail(out, "proxy", "proxy " + hop.Authority() + " refused CONNECT to " + url.Authority() +
                               " with HTTP " + std::to_string(status));
        co_return nullptr;
      }
      conn->buffer.consume(conn->buffer.size());
    }

    if (url.https) {
      conn->secure.emplace(std::move(conn->plain), Tls());
      SSL* ssl_handle = conn->secure->native_handle();
      conn->tls_origin = url.Authority();
      tls_sessions_.Prepare(ssl_handle, &conn->tls_origin);
      if (url.host_is_ip_literal) {
        // No SNI for IP literals (RFC 6066); verify the certificate's IP SAN instead.
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_handle), url.host.c_str());
      } else {
        SSL_set_tlsext_host_name(ssl_handle, url.host.c_str());  // SNI: not automatic
        SSL_set1_host(ssl_handle, url.host.c_str());             // name check: not automatic
      }
      attempt.socket = &conn->secure->next_layer();
      co_await conn->secure->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
      attempt.socket = nullptr;
      if (attempt.abort_kind != nullptr) {
        FailAborted(out, attempt, timeout);
        co_return nullptr;
      }
      if (ec) {
        Fail(out, "tls", TlsFailureMessage(ssl_handle, ec) + " (" + url.host + ")");
        co_return nullptr;
      }
    }
    co_return conn;
  }

  // The TLS client context, built on first use: from the constructor (with a ca_file) or
  // from the I/O thread (the first https connection), never from both.
  ssl::context& Tls() {
    if (tls_) return *tls_;
    ssl::context& tls = tls_.emplace(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
    error_code ec;
    tls.set_default_verify_paths(ec);  // also honours SSL_CERT_FILE / SSL_CERT_DIR
    if (!options_.ca_file.empty()) {
      tls.load_verify_file(options_.ca_file, ec);
      if (ec) throw ConfigError(SourceLocation{}, "--ca-file", "cannot load '" + options_.ca_file + "': " + ec.message());
    }
    tls.set_verify_mode(ssl::verify_peer);
    tls_sessions_.Attach(tls.native_handle());
    return tls;
  }

  std::unique_ptr<Connection> TakeIdle(const std::string& key) {
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto& pool = it->second;
    const Clock::time_point now = Clock::now();
    while (!pool.empty()) {
      std::unique_ptr<Connection> conn = std::move(pool.back());
      pool.pop_back();
      if (now - conn->idle_since > kMaxIdleAge) {
        pool.clear();  // everything below is older still
        break;
      }
      if (conn->Socket().is_open()) return conn;
    }
    return nullptr;
  }

  void ReturnIdle(const std::string& key, std::unique_ptr<Connection> conn) {
    if (stopping_) return;
    auto& pool = idle_[key];
    if (static_cast<int>(pool.size()) >= options_.max_idle_per_host) return;
    conn->idle_since = Clock::now();
    pool.push_back(std::move(conn));
  }

  HttpClientOptions options_;
  // One thread runs the loop and starts every socket and timer operation (Send, RunAfter
  // and Post only post to it), so the reactor needs no locks; the scheduler keeps its
  // own, because other threads post.
  asio::io_context io_{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  TlsSessionKeeper tls_sessions_;     // I/O thread only (Attach: wherever Tls() runs first)
  std::optional<ssl::context> tls_;  // see Tls(); declared after its keeper, freed before it
  ProxySettings proxy_;
  // I/O-thread state.
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
  // Resolved endpoints by "host:port" (see Resolve). Asio resolves on one background thread,
  // one lookup after another, so 256 new connections to one host made 256 DNS queries in a
  // row -- seconds, against a resolver 10 ms away. Answers are kept kDnsTtl, as curl does.
  struct DnsEntry {
    tcp::resolver::results_type endpoints;
    Clock::time_point expires;
    error_code error;                            // the lookup failed (kept only for its waiters)
    std::shared_ptr<asio::steady_timer> lookup;  // set while a lookup runs; cancelled when it ends
  };
  std::unordered_map<std::string, DnsEntry> dns_;
  std::vector<Attempt*> active_;  // unordered; see RemoveActive
  asio::steady_timer deadline_timer_{io_};  // see ArmDeadlineTimer
  Clock::time_point deadline_armed_ = Clock::time_point::max();  // max: not armed
  std::unordered_set<asio::steady_timer*> timers_;
  std::shared_ptr<const ParsedUrl> last_url_;  // see Parse()
  bool stopping_ = false;
  // Cross-thread counters.
  std::atomic<std::uint64_t> opened_{0}, sent_{0}, reused_{0}, dns_lookups_{0};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<HttpTransport> MakeAsioTransport(HttpClientOptions options) {
  return std::make_unique<AsioTransport>(std::move(options));
}

}  // namespace kinship
