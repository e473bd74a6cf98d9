// What the panel-scale benchmarks share: CPU time, a synthetic panel, and the size-table
// driver (with arguments MODELS [PROMPTS [THREADS]] it runs one size in this process and
// prints its peak RSS; without, it runs each size of the table in a child process, so every
// size has its own peak RSS, then prints the table with the growth factors when models or
// prompts double).
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "harness/analysis/panel_answers.h"

namespace kinship::bench {

// User + system CPU seconds of this process so far.
inline double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// ~250 words (~1.5 KB) per answer from a 5000-word vocabulary; each model perturbs a shared
// per-prompt base answer (30% of words replaced) so overlaps are realistic (neither 0 nor 1).
// Seeded: every run of every benchmark sees the same panel.
inline PanelAnswers SyntheticPanel(std::size_t models, std::size_t prompts) {
  PanelAnswers panel;
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
      for (int w : base) text += "w" + std::to_string(coin(rng) < 0.3 ? word(rng) : w) + " ";
      panel.answers[panel.AnswerIndex(m, p)].push_back(std::move(text));
    }
  }
  return panel;
}

// `run(models, prompts, threads)` measures one size and returns its wall seconds.
template <typename RunOne>
int SizeTableMain(int argc, char** argv, const char* what, RunOne run) {
  if (argc > 1) {
    const std::size_t models = std::strtoul(argv[1], nullptr, 10);
    const std::size_t prompts = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 800;
    const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 2;
    run(models, prompts, threads);
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
        const double seconds = run(models, prompts, 2);
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
  std::printf("\n| models | prompts | %s s | peak RSS MiB | x when models double | x when prompts double |\n",
              what);
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

}  // namespace kinship::bench
