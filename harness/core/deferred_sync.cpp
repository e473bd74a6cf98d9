#include "harness/core/deferred_sync.h"

#include <cerrno>
#include <stdexcept>

#include <unistd.h>

#include "harness/core/file_io.h"

namespace kinship {

DeferredSync::DeferredSync(std::vector<std::filesystem::path> paths)
    : thread_([this, paths = std::move(paths)] {
        for (const auto& path : paths) {
          // A folder the user may write into but not list (mode 0311) cannot be opened to
          // sync; that is the user's choice of folder, not a failure of the run.
          if (::access(path.c_str(), R_OK) != 0 && errno == EACCES) continue;
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
