#include "adapters/wire/api_key.h"

#include <cctype>
#include <cstdlib>

#include "harness/core/ascii_case.h"
#include "harness/core/config_error.h"

namespace kinship {

std::string ApiKeyEnvName(const ModelConfig& config, std::string_view default_env) {
  return config.api_key_env.empty() ? std::string(default_env) : config.api_key_env;
}

std::string RequireApiKey(const ModelConfig& config, std::string_view default_env) {
  const std::string name = ApiKeyEnvName(config, default_env);
  const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    throw ConfigError(config.where, "api_key_env",
                      "environment variable " + name + " is not set (model '" + config.name +
                          "', adapter '" + config.adapter +
                          "'); export it, or name another variable with api_key_env");
  }
  return value;
}

std::string UrlHost(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string_view host;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return "";
    host = rest.substr(1, close - 1);
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  return AsciiLowerCopy(host);
}

namespace {

// Parses dotted-quad IPv4; false for anything else.
bool ParseIpv4(std::string_view host, int octets[4]) {
  int count = 0;
  std::size_t pos = 0;
  while (count < 4) {
    std::size_t end = host.find('.', pos);
    if (end == std::string_view::npos) end = host.size();
    const std::string_view part = host.substr(pos, end - pos);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (char c : part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    octets[count++] = value;
    if (end == host.size()) break;
    pos = end + 1;
  }
  return count == 4 && host.find('.', pos) == std::string_view::npos;
}

}  // namespace

bool IsLocalOrPrivateHost(std::string_view host) {
  if (host == "localhost" || host == "0.0.0.0" || host == "::1") return true;
  if (host.size() > 10 && host.substr(host.size() - 10) == ".localhost") return true;
  int o[4];
  if (ParseIpv4(host, o)) {
    return o[0] == 127 || o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) ||
           (o[0] == 192 && o[1] == 168) || (o[0] == 169 && o[1] == 254);
  }
  if (host.find(':') != std::string_view::npos && host.size() >= 2) {
    const std::string_view head = host.substr(0, 2);
    if (head == "fc" || head == "fd") return true;                    // unique local
    if (host.size() >= 4 && host.substr(0, 3) == "fe8") return true;  // link local
    if (host.size() >= 4 && (host.substr(0, 3) == "fe9" || host.substr(0, 3) == "fea" ||
                             host.substr(0, 3) == "feb")) {
      return true;
    }
  }
  return false;
}

std::string JoinUrl(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + std::string(path);
}

void CheckBaseUrl(const ModelConfig& config, std::string_view url) {
  const bool scheme_ok = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!scheme_ok || UrlHost(url).empty()) {
    throw ConfigError(config.where, "base_url",
                      "'" + std::string(url) + "' is not an http:// or https:// URL");
  }
}

}  // namespace kinship
