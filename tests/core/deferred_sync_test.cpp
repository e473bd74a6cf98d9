#include "harness/core/deferred_sync.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/core/file_io.h"
#include "tests/fakes/temp_dir.h"

namespace kinship {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

TEST_CASE("DeferredSync syncs files and folders and Wait returns once they are done",
          "[deferred_sync]") {
  TempDir dir;
  WriteFileAtomically(dir.path() / "prompts.jsonl", "{}\n", Durability::kDeferred);
  WriteFileAtomically(dir.path() / "manifest.json", "{}\n", Durability::kDeferred);
  DeferredSync sync({dir.path() / "prompts.jsonl", dir.path() / "manifest.json", dir.path()});
  CHECK_NOTHROW(sync.Wait());
  CHECK_NOTHROW(sync.Wait());  // a second wait has nothing left to do
  CHECK(ReadFileOrThrow(dir.path() / "manifest.json") == "{}\n");
}

TEST_CASE("DeferredSync::Wait names the first path it could not sync", "[deferred_sync]") {
  TempDir dir;
  WriteFileAtomically(dir.path() / "a.txt", "a", Durability::kDeferred);
  DeferredSync sync({dir.path() / "a.txt", dir.path() / "missing.txt", dir.path() / "also-missing"});
  try {
    sync.Wait();
    FAIL("Wait did not throw");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) ==
          (dir.path() / "missing.txt").string() + ": cannot open to sync: No such file or directory");
  }
}

// What the child below reports through its exit status.
enum ChildResult : int { kSynced = 0, kThrew = 1, kSetupFailed = 2 };

// In a child process that is not root (root reads every folder, so it would never meet the
// case): a folder of mode 0311, which its owner may enter and write but not list, is
// skipped, and the file inside it is still synced.
int SyncUnderUnreadableFolderAsNonRoot(const fs::path& base) {
  if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)) {
    return kSetupFailed;
  }
  const fs::path folder = base / "write-only";
  if (::mkdir(folder.c_str(), 0700) != 0) return kSetupFailed;
  std::ofstream(folder / "prompts.jsonl") << "{}\n";
  if (::chmod(folder.c_str(), 0311) != 0 || ::access(folder.c_str(), R_OK) == 0) return kSetupFailed;
  try {
    DeferredSync sync({folder / "prompts.jsonl", folder});
    sync.Wait();
    return kSynced;
  } catch (const std::exception&) {
    return kThrew;
  }
}

TEST_CASE("DeferredSync skips a folder it may not read and still syncs the file inside",
          "[deferred_sync]") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all);  // the child may have dropped to "nobody"
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(SyncUnderUnreadableFolderAsNonRoot(dir.path()));
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == kSynced);
  std::error_code ignored;  // so TempDir can remove it (absent if the child failed early)
  fs::permissions(dir.path() / "write-only", fs::perms::owner_all, ignored);
}

TEST_CASE("DeferredSync's destructor joins without throwing", "[deferred_sync]") {
  TempDir dir;
  { DeferredSync sync({dir.path() / "missing.txt"}); }  // the error is dropped, not thrown
  SUCCEED("destroyed without Wait");
}

TEST_CASE("WriteFileAtomically with deferred durability still replaces atomically",
          "[deferred_sync]") {
  TempDir dir;
  WriteFileAtomically(dir.path() / "m.json", "old", Durability::kDeferred);
  WriteFileAtomically(dir.path() / "m.json", "new", Durability::kDeferred);
  CHECK(ReadFileOrThrow(dir.path() / "m.json") == "new");
  CHECK_NOTHROW(SyncPath(dir.path() / "m.json"));
  CHECK_THROWS_WITH(SyncPath(dir.path() / "nope"),
                    (dir.path() / "nope").string() + ": cannot open to sync: No such file or directory");
}

}  // namespace
}  // namespace kinship
