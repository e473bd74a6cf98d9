#include "harness/net/url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "harness/core/ascii_case.h"

namespace kinship {
namespace {

bool IsIpLiteral(const std::string& host) {
  unsigned char scratch[16];
  return ::inet_pton(AF_INET, host.c_str(), scratch) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), scratch) == 1;
}

bool ValidHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

}  // namespace

std::string Url::Authority() const {
  std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return out + ":" + std::to_string(port);
}

std::string Url::Origin() const { return (https ? "https://" : "http://") + Authority(); }

std::optional<Url> ParseUrl(std::string_view text) {
  Url url;
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const std::string scheme = AsciiLowerCopy(text.substr(0, scheme_end));
  if (scheme == "https") {
    url.https = true;
    url.port = 443;
  } else if (scheme == "http") {
    url.port = 80;
  } else {
    return std::nullopt;
  }
  std::string_view rest = text.substr(scheme_end + 3);
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);
  }
  const std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  if (authority_end != std::string_view::npos) {
    url.target = std::string(rest.substr(authority_end));
    if (url.target.front() == '?') url.target.insert(url.target.begin(), '/');
  }
  for (char c : url.target) {
    // Control characters or spaces would corrupt the request line.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
  }
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    url.userinfo = std::string(authority.substr(0, at));
    authority = authority.substr(at + 1);
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = AsciiLowerCopy(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
    unsigned char scratch[16];
    if (::inet_pton(AF_INET6, url.host.c_str(), scratch) != 1) return std::nullopt;
  } else {
    const std::size_t colon = authority.find(':');
    url.host = AsciiLowerCopy(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (!std::all_of(url.host.begin(), url.host.end(), ValidHostChar)) return std::nullopt;
  }
  if (url.host.empty()) return std::nullopt;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return std::nullopt;
    unsigned value = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return std::nullopt;
    url.port = static_cast<std::uint16_t>(value);
  }
  url.host_is_ip_literal = IsIpLiteral(url.host);
  return url;
}

}  // namespace kinship
