// ParallelFor: runs body(i) for i in [0, count) on up to `threads` threads, handing out
// indices one at a time from a shared counter so uneven items balance. The body must be
// safe to call concurrently for different i. threads == 0 means hardware concurrency.
// Exceptions from the body terminate (std::thread); bodies here do not throw.
#pragma once

#include <cstddef>
#include <functional>

namespace kinship {

void ParallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& body);

}  // namespace kinship
