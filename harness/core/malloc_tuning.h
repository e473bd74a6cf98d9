// Tunes glibc's malloc for a run: a few threads, one of them (the HTTP transport) allocating
// as fast as answers arrive, in a process that lives seconds to hours.
//
// Why: each thread that allocates gets an arena of its own by default, and a thread's
// arena grows one mprotect(2) call at a time (the transport's grew by a page or two per new
// connection: ~500 calls while 256 connections opened), and cannot reuse memory the main
// thread freed after loading the suites, so every page it touches is fresh (a page fault
// costs ~12 us on the virtual machines we measure on). With one shared arena, a heap that
// grows in steps of 1 MiB and large blocks kept instead of returned to the kernel, a
// 20,000-request run faulted ~1,620 pages instead of ~1,890 and its 256 connections opened
// in about half the time (bench/README.md, session 5).
//
// Call before the threads it should cover allocate anything; threads that already have an
// arena keep it. Returns false when the C library is not glibc or refused a setting (the
// defaults then stay: slower, never wrong).
#pragma once

namespace kinship {

bool TuneMallocForRun();

}  // namespace kinship
