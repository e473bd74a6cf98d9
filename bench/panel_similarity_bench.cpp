// Speed measurement (not a unit test): the report path, ComputePanelSimilarity over the three
// built-in measures (word-ngram-jaccard, char-3gram-cosine, first-words), as `kinship report`
// runs it, on the same synthetic panel as lexical_signals_bench.
//
//   panel_similarity_bench MODELS PROMPTS [THREADS]   one configuration
//   panel_similarity_bench                            the table: 50/100/200 models x 400/800
//                                                     prompts, one child process each
// Prints wall and CPU seconds per measure and the peak RSS.
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

#include "harness/analysis/builtin_measures.h"
#include "harness/analysis/panel_similarity.h"

namespace {

using Clock = std::chrono::steady_clock;

using kinship::bench::CpuSeconds;

double RunOne(std::size_t models, std::size_t prompts, unsigned threads) {
  using namespace kinship;
  const kinship::PanelAnswers panel = kinship::bench::SyntheticPanel(models, prompts);
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  std::printf("models=%zu prompts=%zu threads=%u", models, prompts, threads);
  double check = 0;
  for (const SimilarityMeasure* measure : BuiltinMeasures()) {
    const auto t = Clock::now();
    const double cpu = CpuSeconds();
    const PanelSimilarity result = ComputePanelSimilarity(panel, {measure}, threads);
    check += result.measures[0].Mean(0, 1);
    std::printf(" %s=%.2fs(cpu %.2fs)", std::string(measure->Name()).c_str(),
                std::chrono::duration<double>(Clock::now() - t).count(), CpuSeconds() - cpu);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(" report_total=%.2fs report_cpu=%.2fs (check %.4f)\n", seconds,
              CpuSeconds() - cpu_start, check);
  std::fflush(stdout);
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  return kinship::bench::SizeTableMain(argc, argv, "report", RunOne);
}
