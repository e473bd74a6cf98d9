#include "harness/core/deferred_sync.h"

#include <stdexcept>

#include "harness/core/file_io.h"

namespace kinship {

DeferredSync::DeferredSync(std::vector<std::filesystem::path> paths)
    : thread_([this, paths = std::move(paths)] {
        for (const auto& path : paths) {
          try {
            SyncPath(path);
          } catch (const std::exception& e) {
            error_ = e.what();
            return;
          }
        }
      }) {}

DeferredSync::~DeferredSync() {
  if (thread_.joinable()) thread_.join();
}

void DeferredSync::Wait() {
  if (thread_.joinable()) thread_.join();
  if (!error_.empty()) throw std::runtime_error(error_);
}

}  // namespace kinship
