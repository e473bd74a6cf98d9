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

#include "harness/analysis/builtin_measures.h"
#include "harness/analysis/panel_similarity.h"

namespace {

using Clock = std::chrono::steady_clock;

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// ~250 words (~1.5 KB) per answer from a 5000-word vocabulary; each model perturbs a shared
// per-prompt base answer (30% of words replaced).
kinship::PanelAnswers Generate(std::size_t models, std::size_t prompts) {
  kinship::PanelAnswers panel;
  for (std::size_t m = 0; m < models; ++m) panel.models.push_back("m" + std::to_string(m));
  for (std::size_t p = 0; p < prompts; ++p) panel.prompts.push_back("s/p" + std::to_string(p));
  panel.Resize();
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<int> word(0, 4999);
  std::uniform_real_distribution<double> coin(0, 1);
  for (std::size_t p = 0; p < prompts; ++p) {
    std::vector<int> base(250);
    for (int& w : base) w = word(rng);
    for (std::size_t m = 0; m < models; ++m) {
      std::string text;
      for (int w : base) {
        text += "w" + std::to_string(coin(rng) < 0.3 ? word(rng) : w) + " ";
      }
      panel.answers[panel.AnswerIndex(m, p)].push_back(std::move(text));
    }
  }
  return panel;
}

double RunOne(std::size_t models, std::size_t prompts, unsigned threads) {
  using namespace kinship;
  const kinship::PanelAnswers panel = Generate(models, prompts);
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
  if (argc > 1) {
    const std::size_t models = std::strtoul(argv[1], nullptr, 10);
    const std::size_t prompts = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 800;
    const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 2;
    RunOne(models, prompts, threads);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak_rss=%.0f MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
  }
  std::map<std::pair<std::size_t, std::size_t>, std::pair<double, double>> results;
  for (std::size_t prompts : {400, 800}) {
    for (std::size_t models : {50, 100, 200}) {
      int fds[2];
      if (pipe(fds) != 0) return 1;
      const pid_t child = fork();
      if (child == 0) {
        close(fds[0]);
        const double seconds = RunOne(models, prompts, 2);
        if (write(fds[1], &seconds, sizeof seconds) != sizeof seconds) _exit(1);
        _exit(0);
      }
      close(fds[1]);
      double seconds = 0;
      if (read(fds[0], &seconds, sizeof seconds) != sizeof seconds) seconds = -1;
      close(fds[0]);
      int status = 0;
      rusage usage{};
      wait4(child, &status, 0, &usage);
      const double rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
      std::printf("  peak_rss=%.0f MiB\n", rss_mib);
      std::fflush(stdout);
      results[{models, prompts}] = {seconds, rss_mib};
    }
  }
  std::printf("\n| models | prompts | report s | peak RSS MiB | x when models double | x when prompts double |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const auto& [key, value] : results) {
    const auto [models, prompts] = key;
    auto ratio = [&](std::pair<std::size_t, std::size_t> smaller) -> std::string {
      auto it = results.find(smaller);
      if (it == results.end() || it->second.first <= 0) return "";
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.2f", value.first / it->second.first);
      return buffer;
    };
    std::printf("| %zu | %zu | %.2f | %.0f | %s | %s |\n", models, prompts, value.first,
                value.second, ratio({models / 2, prompts}).c_str(),
                ratio({models, prompts / 2}).c_str());
  }
  return 0;
}
