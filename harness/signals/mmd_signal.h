// mmd-hamming and mmd-spectrum: distributional distance between two models' samples of the
// same prompt (research §1.5 and §4.2 P1.5, Gao et al. Model Equality Testing), as a
// similarity: PerPrompt = -MMD^2 (larger = more alike; 0 for the same distribution up to
// noise; the unbiased estimate can be slightly positive). Symmetric.
//
// Only the samples that are draws count (SignalPanel::SampledDraws: a greedy answer beside
// sampled ones is left out). Per prompt where both models have >= 2 (NaN otherwise), the
// unbiased estimate
//   MMD^2 = mean_{i!=i'} k(x_i, x_i') + mean_{j!=j'} k(y_j, y_j') - 2 mean_{i,j} k(x_i, y_j)
// with one of two kernels over word tokens (SignalPanel::word_hashes):
//   hamming   the number of aligned positions with the same token / the longer length
//             (1 for two empty answers): exact-prefix style, sensitive to decoding;
//   spectrum  cosine of the word 3-gram count vectors (an answer shorter than 3 words is one
//             gram of itself), robust to shifts.
// Tokens are words, not code points (Gao uses code points): the same tokenizer as every other
// signal, and ~5x fewer positions. Unavailable when no prompt has >= 2 samples per model.
#pragma once

#include <cstddef>
#include <functional>

#include "harness/signals/signal.h"

namespace kinship {

enum class MmdKernel { kHamming, kSpectrum };

class MmdSignal final : public Signal {
 public:
  explicit MmdSignal(MmdKernel kernel) : kernel_(kernel) {}
  std::string_view Name() const override {
    return kernel_ == MmdKernel::kHamming ? "mmd-hamming" : "mmd-spectrum";
  }
  std::string_view Summary() const override {
    return kernel_ == MmdKernel::kHamming
               ? "-MMD^2 of the samples, Hamming kernel over aligned word positions"
               : "-MMD^2 of the samples, word 3-gram spectrum kernel (cosine)";
  }
  bool Directed() const override { return false; }
  std::optional<std::string> Unavailable(const SignalPanel& panel) const override;
  std::unique_ptr<PreparedSignal> Prepare(const SignalPanel& panel,
                                          const SignalRoles* roles) const override;

 private:
  MmdKernel kernel_;
};

// The unbiased MMD^2 of samples x_0..x_{m-1} and y_0..y_{n-1} given the kernel within x
// (kxx(i, j)), within y (kyy) and across (kxy(i, j) = k(x_i, y_j)); NaN when m < 2 or n < 2.
using KernelFn = std::function<double(std::size_t, std::size_t)>;
double UnbiasedMmd2(std::size_t m, std::size_t n, const KernelFn& kxx, const KernelFn& kyy,
                    const KernelFn& kxy);

}  // namespace kinship
