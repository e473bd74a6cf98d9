#include "harness/net/tls_session_keeper.h"

#include <openssl/ssl.h>

namespace kinship {
namespace {

// OpenSSL reaches the keeper and the origin through these ex_data slots (Asio keeps its own
// verify callback in the SSL's app_data slot, so that one is taken).
int OriginSlot() {  // SSL -> const std::string*
  static const int slot = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return slot;
}
int KeeperSlot() {  // SSL_CTX -> TlsSessionKeeper*
  static const int slot = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return slot;
}

}  // namespace

void TlsSessionKeeper::SessionFree::operator()(SSL_SESSION* session) const { SSL_SESSION_free(session); }

void TlsSessionKeeper::Attach(SSL_CTX* context) {
  SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_set_ex_data(context, KeeperSlot(), this);
  SSL_CTX_sess_set_new_cb(context, &TlsSessionKeeper::OnNewSession);
}

void TlsSessionKeeper::Prepare(SSL* ssl, const std::string* origin) {
  SSL_set_ex_data(ssl, OriginSlot(), const_cast<std::string*>(origin));
  auto it = sessions_.find(*origin);
  if (it == sessions_.end() || it->second.empty()) return;
  std::vector<SessionPtr>& kept = it->second;
  // The connection gets a copy: OpenSSL marks a connection's session not resumable when the
  // connection ends without a close_notify, and that must not spoil the kept one.
  const SessionPtr offered(SSL_SESSION_dup(kept.back().get()));
  if (offered) SSL_set_session(ssl, offered.get());  // takes a reference of its own
  if (SSL_SESSION_get_protocol_version(kept.back().get()) >= TLS1_3_VERSION) kept.pop_back();
}

// Called after a full handshake (TLS 1.2) or when a ticket arrives (TLS 1.3, after the
// handshake). A copy is kept, for the reason Prepare offers copies: the connection's own
// session is marked not resumable when the connection ends without a TLS close_notify, as
// a keep-alive connection that the server drops or that times out does. Returning 0 leaves
// the original to OpenSSL.
int TlsSessionKeeper::OnNewSession(SSL* ssl, SSL_SESSION* session) {
  auto* keeper = static_cast<TlsSessionKeeper*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), KeeperSlot()));
  const auto* origin = static_cast<const std::string*>(SSL_get_ex_data(ssl, OriginSlot()));
  if (keeper == nullptr || origin == nullptr || SSL_SESSION_is_resumable(session) != 1) return 0;
  SessionPtr copy(SSL_SESSION_dup(session));
  if (!copy) return 0;
  std::vector<SessionPtr>& kept = keeper->sessions_[*origin];
  if (kept.size() >= kPerOrigin) kept.erase(kept.begin());  // the oldest goes
  kept.push_back(std::move(copy));
  return 0;
}

}  // namespace kinship
