#include "harness/net/transport_module.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/net/asio_transport.h"

namespace kinship {
namespace {

constexpr const char* kModuleFile = "kinship-io_uring.so";

std::string ModulePath() {
  if (const char* path = std::getenv("KINSHIP_TRANSPORT_MODULE"); path != nullptr && *path != '\0') return path;
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return kModuleFile;  // no /proc: the loader's own search
  return (self.parent_path() / kModuleFile).string();
}

// The entry point in the module at `path`, or null with the reason. Each path is opened
// once: a module cannot be unloaded while a transport it made may still be running, so
// none ever is.
IoUringModuleEntry LoadEntry(const std::string& path, std::string* why) {
  struct Loaded {
    IoUringModuleEntry entry = nullptr;
    std::string failure;
  };
  static std::mutex mutex;
  static std::map<std::string, Loaded> loaded;
  const std::lock_guard<std::mutex> lock(mutex);
  auto [it, first] = loaded.try_emplace(path);
  Loaded& module = it->second;
  if (first) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* message = dlerror();
      module.failure = message != nullptr ? message : "cannot load " + path;
    } else {
      module.entry = reinterpret_cast<IoUringModuleEntry>(dlsym(handle, kIoUringModuleEntry));
      if (module.entry == nullptr) module.failure = path + " has no " + kIoUringModuleEntry;
    }
  }
  if (module.entry == nullptr) *why = module.failure;
  return module.entry;
}

std::unique_ptr<HttpTransport> OpenIoUring(const HttpClientOptions& options, std::string* why) {
  const IoUringModuleEntry entry = LoadEntry(ModulePath(), why);
  if (entry == nullptr) return nullptr;
  bool config_error = false;
  HttpTransport* transport = entry(kHttpTransportAbi, kTransportTypeSizes, std::size(kTransportTypeSizes),
                                   &options, why, &config_error);
  if (config_error) throw ConfigError(*why);  // already "--ca-file: ..."
  return std::unique_ptr<HttpTransport>(transport);
}

}  // namespace

ChosenTransport OpenTransport(const HttpClientOptions& options) {
  const char* env = std::getenv("KINSHIP_TRANSPORT");
  const std::string choice = env != nullptr ? env : "";
  static const std::vector<std::string> kChoices = {"auto", "epoll", "io_uring"};
  if (!choice.empty() && std::find(kChoices.begin(), kChoices.end(), choice) == kChoices.end()) {
    throw ConfigError(SourceLocation{}, "KINSHIP_TRANSPORT",
                      "unknown transport '" + choice + "'; expected auto, epoll or io_uring" +
                          DidYouMean(choice, kChoices));
  }
  ChosenTransport chosen;
  if (choice != "epoll") {
    std::string why;
    chosen.transport = OpenIoUring(options, &why);
    if (chosen.transport) {
      chosen.name = "io_uring";
      return chosen;
    }
    if (choice == "io_uring") {
      throw ConfigError(SourceLocation{}, "KINSHIP_TRANSPORT", "io_uring is not available: " + why);
    }
    chosen.name = "epoll (io_uring: " + why + ")";
  } else {
    chosen.name = "epoll";
  }
  chosen.transport = MakeAsioTransport(options);
  return chosen;
}

}  // namespace kinship
