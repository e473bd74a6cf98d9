#include "harness/net/proxy_settings.h"

#include <cctype>
#include <cstdlib>

#include "harness/core/ascii_case.h"

namespace kinship {
namespace {

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// Undoes %XX escapes in the user:pass part ("p%40ss" -> "p@ss").
std::string PercentDecode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

const char* FirstSet(const std::function<const char*(const char*)>& getenv, const char* lower,
                     const char* upper) {
  for (const char* name : {lower, upper}) {
    const char* value = getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return nullptr;
}

ProxyEndpoint Invalid(std::string reason) {
  ProxyEndpoint proxy;
  proxy.invalid_reason = std::move(reason);
  return proxy;
}

}  // namespace

ProxyEndpoint ParseProxy(std::string_view value) {
  std::string text = Trim(value);
  if (text.find("://") == std::string::npos) text = "http://" + text;
  if (text.rfind("https://", 0) == 0 || text.rfind("HTTPS://", 0) == 0) {
    return Invalid("https:// proxies are not supported (use an http:// proxy URL)");
  }
  std::optional<Url> url = ParseUrl(text);
  if (!url) return Invalid("the proxy URL is malformed");
  ProxyEndpoint proxy;
  // Without a port the scheme default (80) applies; curl would pick 1080. Real proxy
  // settings carry a port, so the difference rarely matters.
  if (!url->userinfo.empty()) {
    proxy.authorization = "Basic " + Base64(PercentDecode(url->userinfo));
    url->userinfo.clear();
  }
  proxy.url = *url;
  return proxy;
}

const ProxyEndpoint* ProxySettings::For(const Url& target) const {
  const std::optional<ProxyEndpoint>& proxy = target.https ? https_proxy : http_proxy;
  if (!proxy) return nullptr;
  for (const std::string& entry : no_proxy) {
    if (entry == "*") return nullptr;
    if (target.host == entry) return nullptr;
    if (target.host.size() > entry.size() &&
        target.host.compare(target.host.size() - entry.size(), entry.size(), entry) == 0 &&
        target.host[target.host.size() - entry.size() - 1] == '.') {
      return nullptr;
    }
  }
  return &*proxy;
}

ProxySettings ProxySettingsFromEnvironment(const std::function<const char*(const char*)>& getenv) {
  const std::function<const char*(const char*)> get =
      getenv ? getenv : [](const char* name) -> const char* { return std::getenv(name); };
  ProxySettings settings;
  if (const char* value = FirstSet(get, "https_proxy", "HTTPS_PROXY")) {
    settings.https_proxy = ParseProxy(value);
  }
  if (const char* value = FirstSet(get, "http_proxy", "HTTP_PROXY")) {
    settings.http_proxy = ParseProxy(value);
  }
  if (const char* value = FirstSet(get, "no_proxy", "NO_PROXY")) {
    std::string_view list = value;
    while (!list.empty()) {
      const std::size_t comma = list.find(',');
      std::string entry = Trim(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (entry.empty()) continue;
      AsciiLowerInPlace(entry);
      // Ports are ignored; "[::1]:8080" and "[::1]" -> "::1".
      if (entry.front() == '[') {
        entry = entry.substr(1, entry.find(']') - 1);
      } else if (entry.find(':') == entry.rfind(':') && entry.find(':') != std::string::npos) {
        entry.resize(entry.find(':'));
      }
      while (!entry.empty() && entry.front() == '.') entry.erase(entry.begin());
      if (entry.empty()) continue;
      settings.no_proxy.push_back(entry);
    }
  }
  return settings;
}

}  // namespace kinship
