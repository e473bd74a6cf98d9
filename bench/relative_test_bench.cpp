// Timing of a realistic provenance query: 5 candidate teachers x 12 signals = 60 calls of
// RunRelativeTest, each with 12 controls over 800 prompts, B = 10,000 sign flips and
// 2,000 bootstrap resamples. Not a unit test (timings are noisy on shared machines).
// Usage: stats_bench [threads]
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "harness/stats/permutation_test.h"
#include "harness/stats/relative_similarity_test.h"
#include "harness/stats/rng.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Process CPU time: less sensitive than wall time to other jobs on a shared machine.
double CpuSeconds(std::clock_t start) {
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

kinship::RelativeTestInput MakeInput(std::uint64_t seed, int prompts, int controls) {
  kinship::Rng rng(seed);
  kinship::RelativeTestInput input;
  input.s_c.assign(controls, {});
  input.c_t.assign(controls, {});
  for (int p = 0; p < prompts; ++p) {
    const double u = 0.05 * (rng.Uniform() - 0.5);
    input.s_t.push_back(0.35 + u + 0.1 * rng.Uniform());
    input.t_self.push_back(0.6 + u + 0.1 * rng.Uniform());
    for (int j = 0; j < controls; ++j) {
      input.s_c[j].push_back(0.3 + u + 0.1 * rng.Uniform());
      input.c_t[j].push_back(0.3 + u + 0.1 * rng.Uniform());
    }
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  constexpr int kCalls = 60;
  constexpr int kPrompts = 800;
  constexpr int kControls = 12;

  {
    const auto input = MakeInput(1, kPrompts, 1);
    std::vector<double> d(kPrompts);
    for (int p = 0; p < kPrompts; ++p) d[p] = input.s_t[p] - input.s_c[0][p];
    const auto start = Clock::now();
    const std::clock_t cpu = std::clock();
    double sink = 0;
    for (int i = 0; i < 20; ++i) {
      kinship::PermutationOptions options;
      options.seed = static_cast<std::uint64_t>(i) + 1;
      sink += kinship::PairedSignFlipTest(d, options).p_value;
    }
    std::printf("PairedSignFlipTest, n=800, B=10000: %.3f ms wall, %.3f ms CPU per test "
                "(sink %.3g)\n",
                Seconds(start) / 20 * 1e3, CpuSeconds(cpu) / 20 * 1e3, sink);
  }

  std::vector<kinship::RelativeTestInput> inputs;
  for (int c = 0; c < kCalls; ++c) inputs.push_back(MakeInput(c + 100, kPrompts, kControls));

  for (int resamples : {2000, 500}) {
    kinship::RelativeTestOptions options;
    options.bootstrap_resamples = resamples;
    std::vector<double> p(kCalls);
    const auto start = Clock::now();
    const std::clock_t cpu = std::clock();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (int c = t; c < kCalls; c += threads) {
          p[c] = kinship::RunRelativeTest(inputs[c], options).p_value;
        }
      });
    }
    for (auto& thread : pool) thread.join();
    const double elapsed = Seconds(start);
    std::printf(
        "query: %d calls x %d controls x %d prompts, B=10000, bootstrap %d, %d thread(s): "
        "%.3f s wall, %.3f s CPU (%.1f ms CPU per call), p[0]=%.4g\n",
        kCalls, kControls, kPrompts, resamples, threads, elapsed, CpuSeconds(cpu),
        CpuSeconds(cpu) / kCalls * 1e3, p[0]);
  }
  return 0;
}
