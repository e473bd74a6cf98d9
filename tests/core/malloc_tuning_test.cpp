#include "harness/core/malloc_tuning.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kinship {
namespace {

#if defined(__GLIBC__)
// The number of malloc arenas the process has, from malloc_info's XML (<heap nr="N"> each).
int ArenaCount() {
  char* text = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&text, &size);
  malloc_info(0, out);
  std::fclose(out);
  std::string xml(text, size);
  std::free(text);
  int count = 0;
  for (std::size_t at = xml.find("<heap nr="); at != std::string::npos; at = xml.find("<heap nr=", at + 1)) {
    ++count;
  }
  return count;
}

TEST_CASE("After TuneMallocForRun a new thread allocates from the one shared arena",
          "[malloc_tuning]") {
  // glibc fixes the arena limit when a second thread first allocates; ctest runs this case
  // in a process of its own, where that has not happened yet.
  if (ArenaCount() != 1) {
    WARN("another thread already made a malloc arena in this process; run this case alone");
    return;
  }
  REQUIRE(TuneMallocForRun());
  std::thread worker([] {
    void* block = std::malloc(200);
    std::free(block);
  });
  worker.join();
  CHECK(ArenaCount() == 1);  // by default the worker would have made a second arena
  // Large blocks come from the heap: a 1 MiB block is not a fresh mapping of its own.
  void* large = std::malloc(1 << 20);
  REQUIRE(large != nullptr);
  constexpr std::size_t kIsMmapped = 0x2;  // glibc's flag in the chunk's size word
  CHECK((reinterpret_cast<std::size_t*>(large)[-1] & kIsMmapped) == 0);
  std::free(large);
}
#endif

}  // namespace
}  // namespace kinship
