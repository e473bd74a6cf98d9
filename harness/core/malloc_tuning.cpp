#include "harness/core/malloc_tuning.h"

#include <cstdlib>  // defines __GLIBC__ on glibc, tested below

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kinship {

bool TuneMallocForRun() {
#if defined(__GLIBC__)
  // Setting any threshold turns off glibc's dynamic mmap threshold, so both are set to the
  // values it would grow to on 64-bit machines (32 MiB, with trimming at twice that):
  // blocks up to 32 MiB are reused from the heap rather than mapped and unmapped afresh.
  constexpr int kMiB = 1024 * 1024;
  bool ok = mallopt(M_ARENA_MAX, 1) == 1;
  ok = mallopt(M_TOP_PAD, 1 * kMiB) == 1 && ok;
  ok = mallopt(M_MMAP_THRESHOLD, 32 * kMiB) == 1 && ok;
  ok = mallopt(M_TRIM_THRESHOLD, 64 * kMiB) == 1 && ok;
  return ok;
#else
  return false;
#endif
}

}  // namespace kinship
