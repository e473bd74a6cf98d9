#include "harness/core/deferred_sync.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

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
