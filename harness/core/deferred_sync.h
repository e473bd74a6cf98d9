// DeferredSync: makes files and folders durable (fsync) on a thread of its own, so work that
// does not depend on them need not wait for the disk. A new run writes prompts.jsonl and its
// manifest, then sends its first requests while they are synced: the two fsyncs took 3-10 ms
// on the virtual disk we measure on, all of it before the first request.
//
// Wait() joins and throws std::runtime_error naming the first path that could not be synced
// (a path the process may not read, such as a parent folder of mode 0311, is skipped, not an
// error); the destructor joins too and drops any error (only Wait reports). Not copyable.
#pragma once

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace kinship {

class DeferredSync {
 public:
  // Starts syncing `paths` in order (files before the folders that name them).
  explicit DeferredSync(std::vector<std::filesystem::path> paths);
  ~DeferredSync();
  DeferredSync(const DeferredSync&) = delete;
  DeferredSync& operator=(const DeferredSync&) = delete;

  // Returns once every path is synced; throws the first failure.
  void Wait();

 private:
  std::string error_;  // written by the thread, read after join
  std::thread thread_;
};

}  // namespace kinship
