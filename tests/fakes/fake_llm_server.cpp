#include "tests/fakes/fake_llm_server.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <strings.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <stdexcept>

#include "tests/fakes/loopback_acceptor.h"

namespace kinship::testing {
namespace {

// One accepted connection, plain or TLS.
class Channel {
 public:
  Channel(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  // Bytes read, or 0 on EOF/error.
  std::size_t Read(char* data, std::size_t size) {
    if (ssl_ != nullptr) {
      const int n = SSL_read(ssl_, data, static_cast<int>(size));
      return n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    for (;;) {
      const ssize_t n = ::recv(fd_, data, size, 0);
      if (n < 0 && errno == EINTR) continue;
      return n > 0 ? static_cast<std::size_t>(n) : 0;
    }
  }
  bool Write(std::string_view data) {
    if (ssl_ == nullptr) return SendAll(fd_, data.data(), data.size());
    while (!data.empty()) {
      const int n = SSL_write(ssl_, data.data(), static_cast<int>(data.size()));
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

 private:
  int fd_;
  SSL* ssl_;
};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// Reads HTTP/1.1 requests off a channel, keeping bytes that belong to the next one.
class RequestReader {
 public:
  explicit RequestReader(Channel& channel) : channel_(channel) {}

  std::optional<FakeRequest> Next() {
    std::string head;
    if (!ReadUntil("\r\n\r\n", head)) return std::nullopt;
    FakeRequest request;
    std::size_t line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    const std::size_t space1 = request_line.find(' ');
    const std::size_t space2 = request_line.rfind(' ');
    if (space1 == std::string::npos || space2 == space1) return std::nullopt;
    request.method = request_line.substr(0, space1);
    request.target = request_line.substr(space1 + 1, space2 - space1 - 1);
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      request.headers.emplace_back(Lower(line.substr(0, colon)), Trim(std::string_view(line).substr(colon + 1)));
    }
    const std::optional<std::string> encoding = request.Header("transfer-encoding");
    if (encoding && Lower(*encoding).find("chunked") != std::string::npos) {
      for (;;) {
        std::string size_line;
        if (!ReadUntil("\r\n", size_line)) return std::nullopt;
        const std::size_t size = std::stoul(size_line.substr(0, size_line.find(';')), nullptr, 16);
        if (size == 0) {
          std::string trailer;
          do {
            if (!ReadUntil("\r\n", trailer)) return std::nullopt;
          } while (!trailer.empty());
          break;
        }
        std::string crlf;
        if (!ReadExact(size, request.body) || !ReadUntil("\r\n", crlf)) return std::nullopt;
      }
    } else if (const std::optional<std::string> length = request.Header("content-length")) {
      if (!ReadExact(std::stoul(*length), request.body)) return std::nullopt;
    }
    return request;
  }

 private:
  bool Fill() {
    char chunk[16384];
    const std::size_t n = channel_.Read(chunk, sizeof chunk);
    if (n == 0) return false;
    pending_.append(chunk, n);
    return true;
  }
  bool ReadUntil(std::string_view delimiter, std::string& out) {
    std::size_t searched = 0;
    std::size_t position;
    while ((position = pending_.find(delimiter, searched)) == std::string::npos) {
      searched = pending_.size() >= delimiter.size() ? pending_.size() - delimiter.size() + 1 : 0;
      if (!Fill()) return false;
    }
    out.assign(pending_, 0, position);
    pending_.erase(0, position + delimiter.size());
    return true;
  }
  bool ReadExact(std::size_t size, std::string& out) {
    while (pending_.size() < size) {
      if (!Fill()) return false;
    }
    out.append(pending_, 0, size);
    pending_.erase(0, size);
    return true;
  }

  Channel& channel_;
  std::string pending_;
};

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

enum class After { kKeepAlive, kClose, kReset };

}  // namespace

std::optional<std::string> FakeRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), key.size()) == 0) return value;
  }
  return std::nullopt;
}

FakeReply FakeReply::Json(std::string body, int status) {
  FakeReply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", "application/json"}};
  reply.body = std::move(body);
  return reply;
}

FakeReply FakeReply::Text(std::string body, int status) {
  FakeReply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
  reply.body = std::move(body);
  return reply;
}

FakeReply FakeReply::Oversized(std::size_t bytes) {
  std::string body = "{\"pad\":\"";
  body.resize(bytes > 2 ? bytes - 2 : bytes, 'x');
  body += "\"}";
  return Json(std::move(body));
}

FakeReply FakeReply::TooManyRequests(int retry_after_seconds) {
  FakeReply reply = Json(R"({"error":{"message":"Rate limit reached","type":"rate_limit"}})", 429);
  reply.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return reply;
}

FakeReply FakeReply::ServerError(int status) {
  return Json(R"({"error":{"message":"upstream failure","type":"server_error"}})", status);
}

FakeReply FakeReply::InvalidJson() { return Json(R"({"choices":[{"message":)"); }

FakeReply FakeReply::WithFault(FakeFault fault, std::string body) {
  FakeReply reply = Json(std::move(body));
  reply.fault = fault;
  return reply;
}

class FakeLlmServer::Impl {
 public:
  Impl(Handler handler, FakeServerOptions options) : handler_(std::move(handler)), options_(std::move(options)) {
    if (!options_.cert_file.empty()) {
      tls_ = SSL_CTX_new(TLS_server_method());
      if (tls_ == nullptr ||
          SSL_CTX_use_certificate_chain_file(tls_, options_.cert_file.c_str()) != 1 ||
          SSL_CTX_use_PrivateKey_file(tls_, options_.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
        if (tls_ != nullptr) SSL_CTX_free(tls_);
        throw std::runtime_error("FakeLlmServer: cannot load certificate/key");
      }
      if (options_.max_tls_version != 0) SSL_CTX_set_max_proto_version(tls_, options_.max_tls_version);
    }
    acceptor_ = std::make_unique<LoopbackAcceptor>([this](int fd) { Serve(fd); }, options_.idle_shutdown);
  }

  ~Impl() {
    acceptor_->Stop();
    if (tls_ != nullptr) SSL_CTX_free(tls_);
  }

  std::uint16_t port() const { return acceptor_->port(); }
  bool tls() const { return tls_ != nullptr; }
  int connections() const { return acceptor_->connections_accepted(); }
  std::vector<FakeRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t request_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return request_count_;
  }

 private:
  void Serve(int fd) {
    SSL* ssl = nullptr;
    std::string sni;
    bool resumed = false;
    if (tls_ != nullptr) {
      ssl = SSL_new(tls_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) != 1) {  // e.g. the client rejected our certificate
        SSL_free(ssl);
        acceptor_->Close(fd);
        return;
      }
      if (const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name)) sni = name;
      resumed = SSL_session_reused(ssl) == 1;
    }
    const int index = ++connection_counter_;
    Channel channel(fd, ssl);
    RequestReader reader(channel);
    After after = After::kClose;
    while (std::optional<FakeRequest> request = reader.Next()) {
      request->connection = index;
      request->sni = sni;
      request->tls_resumed = resumed;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++request_count_;
        if (options_.record_requests) requests_.push_back(*request);
      }
      FakeReply reply;
      try {
        reply = handler_(*request);
      } catch (const std::exception& e) {
        reply = FakeReply::Text(std::string("handler threw: ") + e.what(), 500);
      }
      const std::optional<std::string> connection = request->Header("connection");
      const bool client_close = connection && Lower(*connection) == "close";
      after = Respond(channel, reply, request->method == "HEAD");
      if (after == After::kKeepAlive && (client_close || reply.close_connection)) after = After::kClose;
      if (after != After::kKeepAlive) break;
      after = After::kClose;  // for a reader that ends (EOF) next
    }
    if (ssl != nullptr) SSL_free(ssl);
    acceptor_->Close(fd, after == After::kReset);
  }

  After Respond(Channel& channel, const FakeReply& reply, bool head_only) {
    const std::size_t declared = reply.fault == FakeFault::kTruncatedBody ? reply.body.size() + 100 : reply.body.size();
    std::string wire = "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) + "\r\n";
    for (const auto& [name, value] : reply.headers) wire += name + ": " + value + "\r\n";
    if (reply.chunked) {
      wire += "Transfer-Encoding: chunked\r\n";
    } else {
      wire += "Content-Length: " + std::to_string(declared) + "\r\n";
    }
    if (reply.close_connection) wire += "Connection: close\r\n";
    wire += "\r\n";
    std::string body;
    if (!head_only) {
      if (reply.chunked) {
        // Three uneven chunks, so a client has to reassemble.
        const std::size_t third = std::max<std::size_t>(1, reply.body.size() / 3);
        for (std::size_t at = 0; at < reply.body.size(); at += third) {
          const std::size_t n = std::min(third, reply.body.size() - at);
          char size_line[32];
          std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
          body += size_line;
          body.append(reply.body, at, n);
          body += "\r\n";
        }
        body += "0\r\n\r\n";
      } else {
        body = reply.body;
      }
    }
    switch (reply.fault) {
      case FakeFault::kCloseBeforeResponse:
        return After::kReset;
      case FakeFault::kResetMidBody:
        channel.Write(wire + body.substr(0, body.size() / 2));
        acceptor_->SleepUnlessStopped(std::chrono::milliseconds(20));  // let the bytes arrive first
        return After::kReset;
      case FakeFault::kStall:
        if (!acceptor_->SleepUnlessStopped(std::chrono::milliseconds(reply.stall_ms))) return After::kClose;
        break;
      case FakeFault::kDrip: {
        const std::string all = wire + body;
        for (char c : all) {
          if (!channel.Write(std::string_view(&c, 1))) return After::kClose;
          if (!acceptor_->SleepUnlessStopped(std::chrono::milliseconds(reply.drip_delay_ms))) return After::kClose;
        }
        return After::kKeepAlive;
      }
      case FakeFault::kTruncatedBody:
        channel.Write(wire + body);
        return After::kClose;
      case FakeFault::kNone:
        break;
    }
    return channel.Write(wire + body) ? After::kKeepAlive : After::kClose;
  }

  Handler handler_;
  FakeServerOptions options_;
  SSL_CTX* tls_ = nullptr;
  std::atomic<int> connection_counter_{0};
  mutable std::mutex mutex_;
  std::vector<FakeRequest> requests_;
  std::size_t request_count_ = 0;
  std::unique_ptr<LoopbackAcceptor> acceptor_;  // last: its threads use everything above
};

FakeLlmServer::FakeLlmServer(Handler handler, FakeServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handler), std::move(options))) {}
FakeLlmServer::~FakeLlmServer() = default;

std::uint16_t FakeLlmServer::port() const { return impl_->port(); }
std::string FakeLlmServer::base_url() const {
  return std::string(impl_->tls() ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}
std::vector<FakeRequest> FakeLlmServer::requests() const { return impl_->requests(); }
std::size_t FakeLlmServer::request_count() const { return impl_->request_count(); }
int FakeLlmServer::connections_accepted() const { return impl_->connections(); }

}  // namespace kinship::testing
