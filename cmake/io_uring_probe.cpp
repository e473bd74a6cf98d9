// Configure-time probe (harness/net/CMakeLists.txt): exits 0 when this kernel lets a
// process set up an io_uring, as the io_uring transport will.
#include <liburing.h>

int main() {
  io_uring ring;
  if (io_uring_queue_init(8, &ring, 0) != 0) return 1;
  io_uring_queue_exit(&ring);
  return 0;
}
