// Speed measurement (not a unit test): full pairwise matrix of the lexical signals on a
// synthetic panel. Usage: signals_bench MODELS PROMPTS [THREADS]. Prints seconds per stage.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "harness/signals/lexical_signals.h"
#include "harness/signals/signal_matrix.h"
#include "harness/signals/signal_panel.h"

int main(int argc, char** argv) {
  using namespace kinship;
  const std::size_t models = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  const std::size_t prompts = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 800;
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 2;
  auto now = [] { return std::chrono::steady_clock::now(); };
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  // ~250 words (~1.5 KB) per answer from a 5000-word vocabulary; each model perturbs a shared
  // per-prompt base answer so overlaps are realistic (neither 0 nor 1).
  const auto t0 = now();
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
      for (int w : base) {
        text += "w" + std::to_string(coin(rng) < 0.3 ? word(rng) : w) + " ";
      }
      panel.answers[panel.AnswerIndex(m, p)].push_back(std::move(text));
    }
  }
  const auto t1 = now();
  SignalPanel signal_panel = BuildSignalPanel(std::move(panel), {}, {}, threads);
  const auto t2 = now();
  WordNgramSignal::SetBuildThreads(threads);
  auto ngram = WordNgramSignal().Prepare(signal_panel, nullptr);
  const auto t3 = now();
  SignalMatrix matrix = ComputeSignalMatrix(*ngram, models, prompts, false, threads);
  const auto t4 = now();
  double total = 0;
  for (std::size_t k : {1, 5, 20}) {
    auto first = FirstTokensSignal(static_cast<int>(k)).Prepare(signal_panel, nullptr);
    SignalMatrix m = ComputeSignalMatrix(*first, models, prompts, false, threads);
    total += m.per_prompt[0];
  }
  const auto t5 = now();
  std::printf("models=%zu prompts=%zu threads=%u generate=%.2fs tokenize=%.2fs "
              "ngram_features=%.2fs ngram_matrix=%.2fs first_k_matrices=%.2fs (check %.3f %.3f)\n",
              models, prompts, threads, secs(t0, t1), secs(t1, t2), secs(t2, t3), secs(t3, t4),
              secs(t4, t5), matrix.per_prompt[0], total);
}
