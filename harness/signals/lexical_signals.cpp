#include "harness/signals/lexical_signals.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "harness/analysis/sorted_features.h"
#include "harness/core/parallel_for.h"
#include "harness/signals/ngram_prompt_block.h"
#include "harness/signals/signal_matrix.h"
#include "harness/signals/word_ngrams.h"

namespace kinship {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Jaccard from the common count and the two set sizes; 1 for two empty sets. The same
// arithmetic as a merge over the keys, so every path gives the same double.
double JaccardOf(std::size_t common, std::size_t size_x, std::size_t size_y) {
  const std::size_t total = size_x + size_y;
  if (total == 0) return 1.0;
  return static_cast<double>(common) / static_cast<double>(total - common);
}

// Set Jaccard of word 1-3-grams, exact: blocks_[p] is the NgramPromptBlock of prompt p.
class PreparedWordNgram final : public PreparedSignal, public AllPairsKernel {
 public:
  explicit PreparedWordNgram(const SignalPanel& panel) : panel_(panel) {
    blocks_.resize(panel.Prompts());
    ParallelFor(panel.Prompts(), NgramBuildThreads(),
                [&](std::size_t p) { blocks_[p] = BuildNgramPromptBlock(panel, p); });
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    const std::size_t prompts = panel_.Prompts();
    std::vector<double> out(prompts);
    for (std::size_t p = 0; p < prompts; ++p) {
      const SharedKeyRanks& ranks = blocks_[p].ranks;
      out[p] = MeanOverBlockPairs(blocks_[p], a, b, [&](std::size_t x, std::size_t y) {
        return MergeJaccard(ranks, x, y);
      });
    }
    return out;
  }

  void AllPairsAtPrompt(std::size_t prompt, float* out, std::size_t stride) const override {
    const NgramPromptBlock& block = blocks_[prompt];
    const SharedKeyRanks& r = block.ranks;
    const std::size_t models = panel_.Models();
    std::vector<std::uint8_t> mark(r.shared, 0);
    std::vector<double> sums(models);
    std::size_t pair = 0;
    for (std::size_t a = 0; a < models; ++a) {
      const std::size_t a0 = block.model_begin[a], a1 = block.model_begin[a + 1];
      std::fill(sums.begin(), sums.end(), 0.0);
      // Sample x of a outer, samples of b inner: the summation order of MeanOverSamplePairs.
      for (std::size_t x = a0; x < a1; ++x) {
        for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) mark[r.ranks[k]] = 1;
        for (std::size_t b = a + 1; b < models; ++b) {
          for (std::size_t y = block.model_begin[b]; y < block.model_begin[b + 1]; ++y) {
            const std::uint32_t* q = r.ranks.data() + r.begin[y];
            const std::size_t len = r.begin[y + 1] - r.begin[y];
            // Four accumulators: the probes are independent loads.
            std::size_t c0 = 0, c1 = 0, c2 = 0, c3 = 0, k = 0;
            for (; k + 4 <= len; k += 4) {
              c0 += mark[q[k]];
              c1 += mark[q[k + 1]];
              c2 += mark[q[k + 2]];
              c3 += mark[q[k + 3]];
            }
            for (; k < len; ++k) c0 += mark[q[k]];
            sums[b] += JaccardOf(c0 + c1 + c2 + c3, r.size[x], r.size[y]);
          }
        }
        for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) mark[r.ranks[k]] = 0;
      }
      for (std::size_t b = a + 1; b < models; ++b, ++pair) {
        const std::size_t count_b = block.model_begin[b + 1] - block.model_begin[b];
        const double value = a0 == a1 || count_b == 0
                                 ? kNaN
                                 : sums[b] / static_cast<double>((a1 - a0) * count_b);
        out[pair * stride] = static_cast<float>(value);
      }
    }
  }

 private:
  static double MergeJaccard(const SharedKeyRanks& r, std::size_t x, std::size_t y) {
    if (x == y) return 1.0;  // one sample with itself; its alone-keys are not in the lists
    const std::uint32_t* pa = r.ranks.data() + r.begin[x];
    const std::uint32_t* const ea = r.ranks.data() + r.begin[x + 1];
    const std::uint32_t* pb = r.ranks.data() + r.begin[y];
    const std::uint32_t* const eb = r.ranks.data() + r.begin[y + 1];
    std::size_t common = 0;
    while (pa != ea && pb != eb) {  // arithmetic advance: the branches are unpredictable
      const std::uint32_t u = *pa;
      const std::uint32_t v = *pb;
      common += (u == v);
      pa += (u <= v);
      pb += (v <= u);
    }
    return JaccardOf(common, r.size[x], r.size[y]);
  }

  const SignalPanel& panel_;
  std::vector<NgramPromptBlock> blocks_;
};

// First-k: PerPrompt pair by pair, and the all-pairs kernel, which copies the first k token
// hashes of every sample of the prompt into one flat array first (the panel's nested vectors
// are scattered over the heap).
class PreparedFirstTokens final : public PreparedSignal, public AllPairsKernel {
 public:
  PreparedFirstTokens(const SignalPanel& panel, int k) : panel_(panel), k_(k) {}

  std::vector<double> PerPrompt(int a, int b) const override {
    const std::size_t prompts = panel_.Prompts();
    std::vector<double> out(prompts);
    const std::size_t k = static_cast<std::size_t>(k_);
    for (std::size_t p = 0; p < prompts; ++p) {
      const auto& wa = panel_.Words(static_cast<std::size_t>(a), p);
      const auto& wb = panel_.Words(static_cast<std::size_t>(b), p);
      out[p] = MeanOverSamplePairs(wa.size(), wb.size(), [&](std::size_t i, std::size_t j) {
        return Agreement(wa[i].data(), wa[i].size(), wb[j].data(), wb[j].size(), k);
      });
    }
    return out;
  }

  void AllPairsAtPrompt(std::size_t prompt, float* out, std::size_t stride) const override {
    const std::size_t models = panel_.Models();
    const std::size_t k = static_cast<std::size_t>(k_);
    std::vector<std::uint32_t> model_begin(1, 0);
    std::vector<std::uint64_t> heads;  // k slots per sample
    std::vector<std::size_t> lengths;  // full token count per sample
    for (std::size_t m = 0; m < models; ++m) {
      for (const std::vector<std::uint64_t>& words : panel_.Words(m, prompt)) {
        const std::size_t take = std::min(k, words.size());
        heads.insert(heads.end(), words.begin(), words.begin() + static_cast<std::ptrdiff_t>(take));
        heads.resize(heads.size() + (k - take), 0);
        lengths.push_back(words.size());
      }
      model_begin.push_back(static_cast<std::uint32_t>(lengths.size()));
    }
    std::size_t pair = 0;
    for (std::size_t a = 0; a < models; ++a) {
      const std::size_t a0 = model_begin[a], a1 = model_begin[a + 1];
      for (std::size_t b = a + 1; b < models; ++b, ++pair) {
        const std::size_t b0 = model_begin[b], b1 = model_begin[b + 1];
        const double value = MeanOverSamplePairs(a1 - a0, b1 - b0, [&](std::size_t i, std::size_t j) {
          return Agreement(heads.data() + (a0 + i) * k, lengths[a0 + i],
                           heads.data() + (b0 + j) * k, lengths[b0 + j], k);
        });
        out[pair * stride] = static_cast<float>(value);
      }
    }
  }

 private:
  // Reads at most min(k, length) tokens of each side.
  static double Agreement(const std::uint64_t* x, std::size_t x_size, const std::uint64_t* y,
                          std::size_t y_size, std::size_t k) {
    const std::size_t denominator = std::min(k, std::max(x_size, y_size));
    if (denominator == 0) return 1.0;
    const std::size_t shorter = std::min({k, x_size, y_size});
    std::size_t agree = 0;
    for (std::size_t t = 0; t < shorter; ++t) agree += x[t] == y[t];
    return static_cast<double>(agree) / static_cast<double>(denominator);
  }

  const SignalPanel& panel_;
  int k_;
};

}  // namespace

void WordNgramSignal::SetBuildThreads(unsigned threads) { SetNgramBuildThreads(threads); }

std::optional<std::string> WordNgramSignal::Unavailable(const SignalPanel& panel) const {
  return NoOkAnswers(panel);
}

std::unique_ptr<PreparedSignal> WordNgramSignal::Prepare(const SignalPanel& panel,
                                                         const SignalRoles*) const {
  return std::make_unique<PreparedWordNgram>(panel);
}

FirstTokensSignal::FirstTokensSignal(int k)
    : k_(k),
      name_("first-" + std::to_string(k)),
      summary_("share of the first " + std::to_string(k) +
               " word tokens that agree position by position (openings)") {}

std::optional<std::string> FirstTokensSignal::Unavailable(const SignalPanel& panel) const {
  return NoOkAnswers(panel);
}

std::unique_ptr<PreparedSignal> FirstTokensSignal::Prepare(const SignalPanel& panel,
                                                           const SignalRoles*) const {
  return std::make_unique<PreparedFirstTokens>(panel, k_);
}

}  // namespace kinship
