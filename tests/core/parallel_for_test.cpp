#include "harness/core/parallel_for.h"

#include <atomic>
#include <vector>

#include <catch2/catch.hpp>

namespace kinship {
namespace {

TEST_CASE("ParallelFor calls the body exactly once per index, whatever the thread count") {
  for (unsigned threads : {0u, 1u, 2u, 7u}) {
    std::vector<std::atomic<int>> calls(1000);
    ParallelFor(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
    for (auto& count : calls) REQUIRE(count.load() == 1);
  }
}

TEST_CASE("ParallelFor with no items never calls the body") {
  bool called = false;
  ParallelFor(0, 4, [&](std::size_t) { called = true; });
  CHECK_FALSE(called);
}

}  // namespace
}  // namespace kinship
