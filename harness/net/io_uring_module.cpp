// The one exported symbol of kinship-io_uring.so (transport_module.h): everything else in
// the module, Asio and Beast included, is built with hidden visibility, so its io_uring
// instantiations never meet the epoll ones of the executable that loads it.
#include <liburing.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <iterator>

#include "harness/core/config_error.h"
#include "harness/net/asio_transport.h"
#include "harness/net/transport_module.h"

extern "C" __attribute__((visibility("default"))) kinship::HttpTransport* kinship_open_io_uring_transport(
    int abi, const std::size_t* sizes, std::size_t size_count, const kinship::HttpClientOptions* options,
    std::string* error, bool* config_error) {
  using namespace kinship;
  // Checked before the caller's types are touched: a module from another build may lay
  // them out differently.
  if (abi != kHttpTransportAbi || size_count != std::size(kTransportTypeSizes) ||
      !std::equal(sizes, sizes + size_count, std::begin(kTransportTypeSizes))) {
    *error = "the module was built from other sources than this kinship";
    return nullptr;
  }
  try {
    return MakeAsioTransport(*options).release();
  } catch (const ConfigError& e) {
    *error = e.what();
    *config_error = true;
    return nullptr;
  } catch (const std::exception& e) {
    *error = e.what();  // e.g. "io_uring_queue_init: Operation not permitted"
    return nullptr;
  }
}

// Asio sets up its ring with io_uring_queue_init(entries, ring, 0) and offers no way to pass
// setup flags, so the module defines that function itself (inside the module the call binds
// here, not to liburing's, and the version script keeps it unexported). It asks for
// IORING_SETUP_COOP_TASKRUN: completions are then collected when the I/O thread next
// enters the kernel instead of by interrupting it with an inter-processor interrupt each
// time a socket becomes ready, and TASKRUN_FLAG tells liburing's peek when to collect them.
// Kernels before 5.19 refuse the flags (EINVAL), and then the ring is set up as Asio asks.
// Measured on the benchmark machine: about 5-10% less CPU per request (bench/README.md).
extern "C" int io_uring_queue_init(unsigned entries, struct io_uring* ring, unsigned flags) {
  io_uring_params params{};
  params.flags = flags | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
  const int result = io_uring_queue_init_params(entries, ring, &params);
  if (result != -EINVAL) return result;
  params = io_uring_params{};
  params.flags = flags;
  return io_uring_queue_init_params(entries, ring, &params);
}
