#include "harness/net/transport_module.h"

#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <iterator>
#include <string>

#include "harness/core/config_error.h"
#include "harness/net/http_client.h"
#include "tests/fakes/fake_llm_server.h"
#include "tests/fakes/scoped_env.h"

namespace kinship {
namespace {

using kinship::testing::FakeLlmServer;
using kinship::testing::FakeReply;
using kinship::testing::FakeRequest;
using kinship::testing::ScopedEnv;

constexpr std::chrono::milliseconds kTimeout{10000};
constexpr bool kModuleBuilt = std::string_view(KINSHIP_IO_URING_MODULE) != "";
constexpr bool kIoUringWorks = KINSHIP_IO_URING_WORKS;

HttpClientOptions Direct() {
  HttpClientOptions options;
  options.use_proxy_env = false;
  return options;
}

// One GET through `client` to a fresh fake server; true when the answer came back whole.
bool RoundTrip(HttpClient& client) {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(R"({"ok":"Сәлем"})"); });
  HttpRequest request;
  request.method = "GET";
  request.url = server.base_url() + "/v1/models";
  const HttpOutcome outcome = client.SendSync(request, kTimeout);
  return outcome.ok && outcome.response.status == 200 && outcome.response.body == R"({"ok":"Сәлем"})";
}

std::string ConfigErrorOf(const HttpClientOptions& options) {
  try {
    HttpClient client(options);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_CASE("An unknown KINSHIP_TRANSPORT is a configuration error with a suggestion") {
  ScopedEnv transport("KINSHIP_TRANSPORT", "io-uring");
  CHECK(ConfigErrorOf(Direct()) ==
        "KINSHIP_TRANSPORT: unknown transport 'io-uring'; expected auto, epoll or io_uring; did you mean "
        "'io_uring'?");
}

TEST_CASE("KINSHIP_TRANSPORT=epoll uses epoll even when the module is there") {
  ScopedEnv transport("KINSHIP_TRANSPORT", "epoll");
  HttpClient client(Direct());
  CHECK(client.transport() == "epoll");
  CHECK(RoundTrip(client));
}

TEST_CASE("Without the module, auto falls back to epoll and says why; io_uring refuses") {
  const std::string missing = "/nonexistent/kinship-io_uring.so";
  ScopedEnv module("KINSHIP_TRANSPORT_MODULE", missing.c_str());
  {
    ScopedEnv transport("KINSHIP_TRANSPORT", "auto");
    HttpClient client(Direct());
    CHECK(client.transport().rfind("epoll (io_uring: " + missing, 0) == 0);
    CHECK(RoundTrip(client));
  }
  {
    ScopedEnv transport("KINSHIP_TRANSPORT", nullptr);  // unset means auto
    HttpClient client(Direct());
    CHECK(client.transport().rfind("epoll (io_uring: ", 0) == 0);
  }
  ScopedEnv transport("KINSHIP_TRANSPORT", "io_uring");
  const std::string error = ConfigErrorOf(Direct());
  CHECK(error.rfind("KINSHIP_TRANSPORT: io_uring is not available: " + missing, 0) == 0);
}

TEST_CASE("The module refuses callers built from other sources") {
  if (!kModuleBuilt) {
    WARN("liburing was missing at build time: no module to test");
    return;
  }
  void* handle = dlopen(KINSHIP_IO_URING_MODULE, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(handle != nullptr);
  auto entry = reinterpret_cast<IoUringModuleEntry>(dlsym(handle, kIoUringModuleEntry));
  REQUIRE(entry != nullptr);
  const HttpClientOptions options = Direct();
  std::string error;
  bool config_error = false;
  CHECK(entry(kHttpTransportAbi + 1, kTransportTypeSizes, std::size(kTransportTypeSizes), &options, &error,
              &config_error) == nullptr);
  CHECK(error == "the module was built from other sources than this kinship");
  std::size_t other_sizes[std::size(kTransportTypeSizes)];
  std::copy(std::begin(kTransportTypeSizes), std::end(kTransportTypeSizes), other_sizes);
  other_sizes[1] += 8;  // HttpOutcome grew a field
  error.clear();
  CHECK(entry(kHttpTransportAbi, other_sizes, std::size(other_sizes), &options, &error, &config_error) == nullptr);
  CHECK(error == "the module was built from other sources than this kinship");
  CHECK(entry(kHttpTransportAbi, kTransportTypeSizes, std::size(kTransportTypeSizes) - 1, &options, &error,
              &config_error) == nullptr);
  CHECK_FALSE(config_error);
}

TEST_CASE("Where the kernel allows io_uring, auto and io_uring both run on it") {
  if (!kIoUringWorks) {
    WARN("io_uring is refused on this machine (or liburing was missing): nothing to test");
    return;
  }
  ScopedEnv module("KINSHIP_TRANSPORT_MODULE", KINSHIP_IO_URING_MODULE);
  for (const char* choice : {"auto", "io_uring"}) {
    ScopedEnv transport("KINSHIP_TRANSPORT", choice);
    HttpClient client(Direct());
    INFO(choice);
    CHECK(client.transport() == "io_uring");
    CHECK(RoundTrip(client));
    CHECK(client.stats().requests_sent == 1);
  }
}

TEST_CASE("An unreadable --ca-file is the same configuration error on io_uring") {
  if (!kIoUringWorks) {
    WARN("io_uring is refused on this machine (or liburing was missing): nothing to test");
    return;
  }
  ScopedEnv module("KINSHIP_TRANSPORT_MODULE", KINSHIP_IO_URING_MODULE);
  HttpClientOptions options = Direct();
  options.ca_file = "/nonexistent/ca.pem";
  std::string on_epoll;
  {
    ScopedEnv transport("KINSHIP_TRANSPORT", "epoll");
    on_epoll = ConfigErrorOf(options);
  }
  ScopedEnv transport("KINSHIP_TRANSPORT", "io_uring");
  CHECK(on_epoll.rfind("--ca-file: cannot load '/nonexistent/ca.pem'", 0) == 0);
  CHECK(ConfigErrorOf(options) == on_epoll);
}

}  // namespace
}  // namespace kinship
