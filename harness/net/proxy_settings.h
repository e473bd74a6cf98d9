// ProxySettings: which proxy, if any, a request to a given URL goes through, from the
// conventional HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables (lower-case spelling wins, as
// in curl). Pure data plus pure functions; thread-safe once built. An unusable proxy URL
// is kept as `invalid_reason` so the transport can report every affected request as an
// error value ("proxy") instead of silently going direct.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/net/url.h"

namespace kinship {

struct ProxyEndpoint {
  Url url;                     // http://host:port of the proxy itself
  std::string authorization;   // "Basic ..." from user:pass in the proxy URL, or empty
  std::string invalid_reason;  // non-empty: the variable was set but unusable
};

struct ProxySettings {
  std::optional<ProxyEndpoint> https_proxy;  // for https:// targets
  std::optional<ProxyEndpoint> http_proxy;   // for http:// targets
  std::vector<std::string> no_proxy;         // lower-cased entries; "*" bypasses everything

  // The proxy for `target`, or nullptr to connect directly. NO_PROXY entries match the
  // host exactly or as a domain suffix ("example.com" and ".example.com" both match
  // "api.example.com"); ports in entries are ignored; "*" matches every host.
  const ProxyEndpoint* For(const Url& target) const;
};

// Reads the variables through `getenv` (injectable for tests; std::getenv by default).
ProxySettings ProxySettingsFromEnvironment(
    const std::function<const char*(const char*)>& getenv = nullptr);

// Parses one proxy variable's value ("host:port", "http://user:pass@host:port").
ProxyEndpoint ParseProxy(std::string_view value);

}  // namespace kinship
