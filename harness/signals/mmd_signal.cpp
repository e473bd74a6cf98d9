#include "harness/signals/mmd_signal.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "harness/analysis/similarity_measure.h"
#include "harness/analysis/sorted_features.h"
#include "harness/signals/word_ngrams.h"

namespace kinship {

namespace {

using Words = std::vector<std::uint64_t>;

double HammingKernel(const Words& x, const Words& y) {
  const std::size_t longer = std::max(x.size(), y.size());
  if (longer == 0) return 1.0;
  const std::size_t shorter = std::min(x.size(), y.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < shorter; ++i) same += x[i] == y[i];
  return static_cast<double>(same) / static_cast<double>(longer);
}

AnswerFeatures SpectrumBag(const Words& words) {
  std::vector<std::uint64_t> grams;
  if (words.empty()) return {};
  if (words.size() < 3) {
    grams.push_back(WordNgramKey(words.data(), static_cast<int>(words.size())));
  } else {
    AppendWordNgramKeys(words, 3, 3, &grams);
  }
  return MakeFeatureBag(std::move(grams));
}

class PreparedMmd final : public PreparedSignal {
  // The word tokens of the samples that are draws (SignalPanel::SampledDraws).
  using Draws = std::vector<const Words*>;

 public:
  PreparedMmd(const SignalPanel& panel, MmdKernel kernel) : panel_(panel), kernel_(kernel) {}

  std::vector<double> PerPrompt(int a, int b) const override {
    std::vector<double> out(panel_.Prompts(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t p = 0; p < panel_.Prompts(); ++p) {
      const Draws xs = DrawsOf(static_cast<std::size_t>(a), p);
      const Draws ys = DrawsOf(static_cast<std::size_t>(b), p);
      if (xs.size() < 2 || ys.size() < 2) continue;
      double mmd2;
      if (kernel_ == MmdKernel::kHamming) {
        mmd2 = UnbiasedMmd2(
            xs.size(), ys.size(),
            [&](std::size_t i, std::size_t j) { return HammingKernel(*xs[i], *xs[j]); },
            [&](std::size_t i, std::size_t j) { return HammingKernel(*ys[i], *ys[j]); },
            [&](std::size_t i, std::size_t j) { return HammingKernel(*xs[i], *ys[j]); });
      } else {
        std::vector<AnswerFeatures> bx;
        std::vector<AnswerFeatures> by;
        for (const Words* w : xs) bx.push_back(SpectrumBag(*w));
        for (const Words* w : ys) by.push_back(SpectrumBag(*w));
        mmd2 = UnbiasedMmd2(
            xs.size(), ys.size(),
            [&](std::size_t i, std::size_t j) { return BagCosine(bx[i], bx[j]); },
            [&](std::size_t i, std::size_t j) { return BagCosine(by[i], by[j]); },
            [&](std::size_t i, std::size_t j) { return BagCosine(bx[i], by[j]); });
      }
      out[p] = -mmd2;
    }
    return out;
  }

 private:
  Draws DrawsOf(std::size_t model, std::size_t prompt) const {
    const auto& words = panel_.Words(model, prompt);
    Draws draws;
    for (std::size_t s : panel_.SampledDraws(model, prompt)) draws.push_back(&words[s]);
    return draws;
  }

  const SignalPanel& panel_;
  MmdKernel kernel_;
};

}  // namespace

double UnbiasedMmd2(std::size_t m, std::size_t n, const KernelFn& kxx, const KernelFn& kyy,
                    const KernelFn& kxy) {
  if (m < 2 || n < 2) return std::numeric_limits<double>::quiet_NaN();
  // The kernels are symmetric, so each within-set pair is computed once and counted twice.
  double xx = 0;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = i + 1; j < m; ++j) xx += 2 * kxx(i, j);
  }
  double yy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) yy += 2 * kyy(i, j);
  }
  double xy = 0;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) xy += kxy(i, j);
  }
  const double dm = static_cast<double>(m);
  const double dn = static_cast<double>(n);
  return xx / (dm * (dm - 1)) + yy / (dn * (dn - 1)) - 2 * xy / (dm * dn);
}

std::optional<std::string> MmdSignal::Unavailable(const SignalPanel& panel) const {
  for (std::size_t p = 0; p < panel.Prompts(); ++p) {
    int models_with_samples = 0;
    for (std::size_t m = 0; m < panel.Models(); ++m) {
      models_with_samples += panel.SampledDraws(m, p).size() >= 2;
    }
    if (models_with_samples >= 2) return std::nullopt;
  }
  return "no prompt has >= 2 samples from two models (run with --samples >= 2)";
}

std::unique_ptr<PreparedSignal> MmdSignal::Prepare(const SignalPanel& panel,
                                                   const SignalRoles*) const {
  return std::make_unique<PreparedMmd>(panel, kernel_);
}

}  // namespace kinship
