// The one exported symbol of kinship-io_uring.so (transport_module.h): everything else in
// the module, Asio and Beast included, is built with hidden visibility, so its io_uring
// instantiations never meet the epoll ones of the executable that loads it.
#include <algorithm>
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
