// Speed measurement (not a unit test): the full pairwise matrices of the lexical signals
// (word-ngram-1-3 and first-1/5/20) on a synthetic panel, as `kinship provenance` builds them.
//
//   lexical_signals_bench MODELS PROMPTS [THREADS]   one configuration
//   lexical_signals_bench                            the table: 50/100/200 models x 400/800
//                                                    prompts, each in a child process (so
//                                                    peak RSS is per configuration), with
//                                                    the growth factors when models or
//                                                    prompts double
// Prints wall and CPU seconds per stage and the peak RSS. On a shared machine the CPU seconds
// are the steadier figure.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <utility>

#include "bench/bench_support.h"

#include "harness/signals/lexical_signals.h"
#include "harness/signals/signal_matrix.h"
#include "harness/signals/signal_panel.h"

namespace {

using Clock = std::chrono::steady_clock;

using kinship::bench::CpuSeconds;

// Runs one configuration; returns the lexical wall time (everything after generation).
double RunOne(std::size_t models, std::size_t prompts, unsigned threads) {
  using namespace kinship;
  auto secs = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
  };
  const auto t0 = Clock::now();
  PanelAnswers answers = kinship::bench::SyntheticPanel(models, prompts);
  const auto t1 = Clock::now();
  const double cpu1 = CpuSeconds();
  SignalPanel panel = BuildSignalPanel(std::move(answers), {}, {}, threads);
  const auto t2 = Clock::now();
  const double cpu2 = CpuSeconds();
  WordNgramSignal::SetBuildThreads(threads);
  auto ngram = WordNgramSignal().Prepare(panel, nullptr);
  const auto t3 = Clock::now();
  const double cpu3 = CpuSeconds();
  SignalMatrix matrix = ComputeSignalMatrix(*ngram, models, prompts, false, threads);
  const auto t4 = Clock::now();
  const double cpu4 = CpuSeconds();
  double check = 0;
  for (int k : {1, 5, 20}) {
    auto first = FirstTokensSignal(k).Prepare(panel, nullptr);
    check += ComputeSignalMatrix(*first, models, prompts, false, threads).per_prompt[0];
  }
  const auto t5 = Clock::now();
  const double cpu5 = CpuSeconds();
  std::printf("models=%zu prompts=%zu threads=%u generate=%.2fs tokenize=%.2fs "
              "ngram_features=%.2fs ngram_matrix=%.2fs first_k_matrices=%.2fs "
              "lexical_total=%.2fs | cpu: tokenize=%.2fs ngram_features=%.2fs ngram_matrix=%.2fs "
              "first_k=%.2fs lexical_cpu=%.2fs (check %.4f %.4f)\n",
              models, prompts, threads, secs(t0, t1), secs(t1, t2), secs(t2, t3), secs(t3, t4),
              secs(t4, t5), secs(t1, t5), cpu2 - cpu1, cpu3 - cpu2, cpu4 - cpu3, cpu5 - cpu4,
              cpu5 - cpu1, matrix.per_prompt[0], check);
  std::fflush(stdout);
  return secs(t1, t5);
}

}  // namespace

int main(int argc, char** argv) {
  return kinship::bench::SizeTableMain(argc, argv, "lexical", RunOne);
}
