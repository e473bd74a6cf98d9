// TlsSessionKeeper: TLS session resumption for one transport's client connections.
//
// A server's session (a TLS 1.2 session or ticket, a TLS 1.3 ticket) lets the next
// connection to the same origin skip the certificate chain and, on TLS 1.2, the key
// exchange: far less CPU and one round trip less than a full handshake, which counts when
// an API server closes keep-alive connections every few hundred requests, or after each
// one. Sessions are kept in memory only, by origin ("host:port", the name that was
// verified), and offered only to that origin.
//
// Contract: Attach once to the client context; Prepare each connection before its
// handshake, on the thread that drives the connections (OpenSSL hands new sessions to the
// keeper on that thread, while it reads). The origin string must outlive the connection's
// SSL object. The keeper must outlive the context. Not thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct ssl_st;         // OpenSSL's SSL
struct ssl_ctx_st;     // OpenSSL's SSL_CTX
struct ssl_session_st; // OpenSSL's SSL_SESSION

namespace kinship {

class TlsSessionKeeper {
 public:
  // Makes `context` hand every new client session to this keeper.
  void Attach(ssl_ctx_st* context);
  // Before the handshake: names the connection's origin and offers it the newest session
  // kept for that origin. A TLS 1.3 ticket is offered once (RFC 8446, C.4: reuse would let
  // connections be linked); the server sends fresh ones with each handshake. A TLS 1.2
  // session serves every connection until the server declines it and a newer one comes.
  void Prepare(ssl_st* ssl, const std::string* origin);

 private:
  struct SessionFree {
    void operator()(ssl_session_st* session) const;
  };
  using SessionPtr = std::unique_ptr<ssl_session_st, SessionFree>;
  static constexpr std::size_t kPerOrigin = 4;

  static int OnNewSession(ssl_st* ssl, ssl_session_st* session);

  std::unordered_map<std::string, std::vector<SessionPtr>> sessions_;  // oldest first
};

}  // namespace kinship
