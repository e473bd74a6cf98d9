#include "harness/net/url.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("ParseUrl takes scheme defaults, explicit ports and query strings") {
  const std::optional<Url> a = ParseUrl("https://API.Example.com/v1/chat?x=1&y=2#frag");
  REQUIRE(a);
  CHECK(a->https);
  CHECK(a->host == "api.example.com");
  CHECK(a->port == 443);
  CHECK(a->target == "/v1/chat?x=1&y=2");
  CHECK_FALSE(a->host_is_ip_literal);
  CHECK(a->Origin() == "https://api.example.com:443");

  const std::optional<Url> b = ParseUrl("http://127.0.0.1:8080");
  REQUIRE(b);
  CHECK_FALSE(b->https);
  CHECK(b->port == 8080);
  CHECK(b->target == "/");
  CHECK(b->host_is_ip_literal);

  const std::optional<Url> c = ParseUrl("http://localhost?q=1");
  REQUIRE(c);
  CHECK(c->target == "/?q=1");
}

TEST_CASE("ParseUrl handles bracketed IPv6 literals and user info") {
  const std::optional<Url> v6 = ParseUrl("http://[::1]:9000/x");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->host_is_ip_literal);
  CHECK(v6->Authority() == "[::1]:9000");

  const std::optional<Url> auth = ParseUrl("http://user:secret@proxy.local:3128");
  REQUIRE(auth);
  CHECK(auth->userinfo == "user:secret");
  CHECK(auth->host == "proxy.local");
  CHECK(auth->port == 3128);
}

TEST_CASE("ParseUrl rejects what it cannot route") {
  CHECK_FALSE(ParseUrl("ftp://example.com/"));
  CHECK_FALSE(ParseUrl("example.com/v1"));
  CHECK_FALSE(ParseUrl("http://"));
  CHECK_FALSE(ParseUrl("http://host:0/"));
  CHECK_FALSE(ParseUrl("http://host:65536/"));
  CHECK_FALSE(ParseUrl("http://host:12a/"));
  CHECK_FALSE(ParseUrl("http://[::1/"));
  CHECK_FALSE(ParseUrl("http://bad host/"));
  CHECK_FALSE(ParseUrl("http://host/a b"));
  CHECK_FALSE(ParseUrl("http://host/a\r\nX-Injected: 1"));
}

}  // namespace
}  // namespace kinship
