#include "harness/net/proxy_settings.h"

#include <catch2/catch.hpp>
#include <map>

namespace kinship {
namespace {

ProxySettings FromMap(const std::map<std::string, std::string>& env) {
  return ProxySettingsFromEnvironment([&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

TEST_CASE("Proxy variables route https and http targets separately") {
  const ProxySettings settings = FromMap({{"HTTPS_PROXY", "http://10.0.0.1:3128"}});
  const Url https_target = *ParseUrl("https://api.example.com/v1");
  const Url http_target = *ParseUrl("http://api.example.com/v1");
  REQUIRE(settings.For(https_target) != nullptr);
  CHECK(settings.For(https_target)->url.Authority() == "10.0.0.1:3128");
  CHECK(settings.For(http_target) == nullptr);
}

TEST_CASE("Lower-case proxy variables win over upper-case ones") {
  const ProxySettings settings =
      FromMap({{"http_proxy", "lower.proxy:1"}, {"HTTP_PROXY", "upper.proxy:2"}});
  REQUIRE(settings.http_proxy);
  CHECK(settings.http_proxy->url.host == "lower.proxy");
}

TEST_CASE("NO_PROXY matches exact hosts and domain suffixes, ignores ports, and * bypasses all") {
  const ProxySettings settings = FromMap(
      {{"HTTPS_PROXY", "proxy:8080"}, {"NO_PROXY", " example.com, .internal ,127.0.0.1:8443,[::1]"}});
  CHECK(settings.For(*ParseUrl("https://example.com/")) == nullptr);
  CHECK(settings.For(*ParseUrl("https://api.example.com/")) == nullptr);
  CHECK(settings.For(*ParseUrl("https://svc.internal/")) == nullptr);
  CHECK(settings.For(*ParseUrl("https://127.0.0.1:9999/")) == nullptr);
  CHECK(settings.For(*ParseUrl("https://[::1]:9999/")) == nullptr);
  CHECK(settings.For(*ParseUrl("https://notexample.com/")) != nullptr);
  CHECK(settings.For(*ParseUrl("https://localhost/")) != nullptr);

  const ProxySettings star = FromMap({{"HTTPS_PROXY", "proxy:8080"}, {"no_proxy", "*"}});
  CHECK(star.For(*ParseUrl("https://anything.example/")) == nullptr);
}

TEST_CASE("Proxy credentials become a Basic Proxy-Authorization header") {
  const ProxyEndpoint proxy = ParseProxy("http://user:p%40ss@proxy.local:3128");
  CHECK(proxy.invalid_reason.empty());
  CHECK(proxy.authorization == "Basic dXNlcjpwQHNz");  // base64("user:p@ss")
  CHECK(proxy.url.userinfo.empty());
}

TEST_CASE("Unusable proxy settings are reported, not ignored") {
  CHECK_FALSE(ParseProxy("https://proxy.local:443").invalid_reason.empty());
  CHECK_FALSE(ParseProxy("http://proxy local:1").invalid_reason.empty());
}

}  // namespace
}  // namespace kinship
