// Chooses the event loop behind an HttpClient (http_transport.h): Asio on epoll, built into
// every binary, or Asio on io_uring, from the module kinship-io_uring.so.
//
// io_uring submits a whole batch of socket reads and writes in one system call where epoll
// needs one call per read and per write; on a loopback server that is most of the cost of
// a request (bench/README.md, "throughput"). Kernels may refuse io_uring (too old, turned
// off by sysctl, or blocked by a container's seccomp filter), hence the fallback.
//
// KINSHIP_TRANSPORT selects:
//   auto (or unset)  io_uring when the module loads and the kernel accepts io_uring, else
//                    epoll, with the reason io_uring was not used in the returned name.
//   epoll            always epoll.
//   io_uring         io_uring or a ConfigError saying why not.
// The module is KINSHIP_TRANSPORT_MODULE when set, else kinship-io_uring.so in the folder of
// the running executable. It is loaded once per process and never unloaded.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "harness/net/http_transport.h"

namespace kinship {

struct ChosenTransport {
  std::unique_ptr<HttpTransport> transport;
  std::string name;  // "io_uring", "epoll", or "epoll (io_uring: <why not>)"
};

// Throws ConfigError for an unknown KINSHIP_TRANSPORT, for KINSHIP_TRANSPORT=io_uring when
// io_uring cannot be used, and for an unreadable options.ca_file.
ChosenTransport OpenTransport(const HttpClientOptions& options);

// The C entry point the module exports, and its signature. Returns the transport, or null
// with a reason in *error (a module built from other sources, a kernel without io_uring).
inline constexpr const char* kIoUringModuleEntry = "kinship_open_io_uring_transport";
using IoUringModuleEntry = HttpTransport* (*)(int abi, const std::size_t* sizes, std::size_t size_count,
                                              const HttpClientOptions* options, std::string* error,
                                              bool* config_error);

// The sizes of the shared types, in the order the entry point compares them.
inline constexpr std::size_t kTransportTypeSizes[] = {sizeof(HttpClientOptions), sizeof(HttpOutcome),
                                                      sizeof(HttpRequest), sizeof(HttpResponse),
                                                      sizeof(HttpClientStats), sizeof(std::string)};

}  // namespace kinship
