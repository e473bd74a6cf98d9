// Url: the parts of an absolute http:// or https:// URL that the transport needs to open a
// connection and write a request line. Deliberately small (no percent-decoding, no
// normalisation): the adapters build the URLs, the transport only has to route them.
// Pure functions, thread-safe; a malformed URL gives std::nullopt, never an exception.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kinship {

struct Url {
  bool https = false;
  std::string host;         // without IPv6 brackets: "::1", "127.0.0.1", "api.example.com"
  std::uint16_t port = 0;   // explicit or the scheme's default
  std::string target = "/"; // path plus query, never empty: "/v1/chat?x=1"
  std::string userinfo;     // "user:pass" when present (used for proxy URLs only)

  // True for IPv4/IPv6 literals: no SNI may be sent for them (RFC 6066 §3).
  bool host_is_ip_literal = false;

  // "host:port", with brackets around IPv6 literals: the Host header and CONNECT target.
  std::string Authority() const;
  // "https://host:port": the key of a connection pool.
  std::string Origin() const;
};

// Parses "http[s]://[user[:pass]@]host[:port][/path][?query]" (fragment dropped).
// Scheme and host are case-insensitive; the host is returned lower-cased.
std::optional<Url> ParseUrl(std::string_view text);

}  // namespace kinship
