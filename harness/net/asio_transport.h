// The Asio/Beast transport (asio_transport.cpp), built for the reactor its translation unit
// was compiled with: epoll in kinship_net, io_uring in the kinship-io_uring module.
//
// Throws ConfigError for an unreadable options.ca_file, and std::system_error when the
// reactor cannot start (the io_uring build on a kernel that refuses io_uring).
#pragma once

#include <memory>

#include "harness/net/http_transport.h"

namespace kinship {

std::unique_ptr<HttpTransport> MakeAsioTransport(HttpClientOptions options);

}  // namespace kinship
