#include "harness/signals/lexical_signals.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>

#include "harness/analysis/sorted_features.h"
#include "harness/core/parallel_for.h"
#include "harness/signals/signal_matrix.h"
#include "harness/signals/word_ngrams.h"

namespace kinship {

namespace {

std::atomic<unsigned> build_threads{0};

std::optional<std::string> NoAnswers(const SignalPanel& panel) {
  for (const auto& samples : panel.answers.answers) {
    if (!samples.empty()) return std::nullopt;
  }
  return "no ok answers in the panel";
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Jaccard from the common count and the two set sizes; 1 for two empty sets. The same
// arithmetic as a merge over the keys, so every path gives the same double.
double JaccardOf(std::size_t common, std::size_t size_x, std::size_t size_y) {
  const std::size_t total = size_x + size_y;
  if (total == 0) return 1.0;
  return static_cast<double>(common) / static_cast<double>(total - common);
}

// The n-gram sets of every sample of every model at one prompt, re-keyed by RankSharedKeys32
// (sorted_features.h): keys only one sample holds are dropped from the lists (they cannot be
// common) and the rest become dense ranks, so the all-pairs kernel marks one sample's ranks
// in a byte array and probes it with the other's. Samples are stored model by model: model
// m's are items model_begin[m] .. model_begin[m + 1].
struct NgramPromptBlock {
  SharedKeyRanks ranks;
  std::vector<std::uint32_t> model_begin;  // models + 1 item offsets
};

NgramPromptBlock BuildNgramPromptBlock(const SignalPanel& panel, std::size_t p) {
  const std::size_t models = panel.Models();
  NgramPromptBlock block;
  block.model_begin.assign(1, 0);
  // (key << 32 | sample number) for every n-gram of every sample of the prompt: one radix
  // sort of these finds each sample's distinct keys and the keys samples share.
  std::vector<std::uint64_t> key_items;
  std::vector<std::uint64_t> scratch;
  std::size_t items = 0;
  std::size_t grams = 0;
  for (std::size_t m = 0; m < models; ++m) {
    for (const auto& words : panel.word_hashes[panel.answers.AnswerIndex(m, p)]) {
      grams += 3 * words.size();
    }
  }
  key_items.reserve(grams);
  for (std::size_t m = 0; m < models; ++m) {
    const auto& samples = panel.word_hashes[panel.answers.AnswerIndex(m, p)];
    for (const std::vector<std::uint64_t>& words : samples) {
      const std::uint64_t item = items++;
      for (int n = 1; n <= 3; ++n) {
        for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= words.size(); ++i) {
          // The upper 32 bits of the shared 64-bit n-gram key (word_ngrams.h).
          const std::uint64_t key = WordNgramKey(words.data() + i, n) >> 32;
          key_items.push_back((key << 32) | item);
        }
      }
    }
    block.model_begin.push_back(static_cast<std::uint32_t>(items));
  }
  RankSharedKeys32(items, &key_items, &scratch, &block.ranks);
  return block;
}

// Mean over the sample pairs of models a and b at one prompt of sim(x, y), x and y item numbers.
template <typename Sim>
double MeanOverBlockPairs(const NgramPromptBlock& block, int a, int b, Sim sim) {
  const std::size_t a0 = block.model_begin[static_cast<std::size_t>(a)];
  const std::size_t b0 = block.model_begin[static_cast<std::size_t>(b)];
  return MeanOverSamplePairs(block.model_begin[static_cast<std::size_t>(a) + 1] - a0,
                             block.model_begin[static_cast<std::size_t>(b) + 1] - b0,
                             [&](std::size_t i, std::size_t j) { return sim(a0 + i, b0 + j); });
}

// Set Jaccard of word 1-3-grams, exact: blocks_[p] is the NgramPromptBlock of prompt p.
class PreparedWordNgram final : public PreparedSignal, public AllPairsKernel {
 public:
  explicit PreparedWordNgram(const SignalPanel& panel) : panel_(panel) {
    blocks_.resize(panel.Prompts());
    ParallelFor(panel.Prompts(), build_threads.load(),
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

// IDF-weighted Jaccard of word 1-3-grams. Per prompt, an n-gram used by df of the N models
// answering weighs log(N / df): n-grams every model uses (echoed prompt words, "the") weigh 0,
// n-grams few models share weigh most. Keys that only one sample holds are not in the rank
// lists, but each still counts log N (df = 1) in its sample's total weight.
class PreparedWordNgramIdf final : public PreparedSignal {
 public:
  // With roles (naming any model), only the involved models' n-gram lists are kept once the
  // weights are known
  // (df still counts every model): a provenance query needs S's pairs only, and at 200
  // models the lists of the others are most of the memory. PerPrompt of a model outside
  // the roles is then NaN.
  PreparedWordNgramIdf(const SignalPanel& panel, const SignalRoles* roles)
      : panel_(panel), kept_(panel.Models(), true) {
    const std::vector<int> involved = roles == nullptr ? std::vector<int>{} : roles->Involved();
    if (!involved.empty()) {
      kept_.assign(panel.Models(), false);
      for (int m : involved) kept_[static_cast<std::size_t>(m)] = true;
    }
    prompts_.resize(panel.Prompts());
    ParallelFor(panel.Prompts(), build_threads.load(), [&](std::size_t p) {
      WeightedBlock& w = prompts_[p];
      w.block = BuildNgramPromptBlock(panel, p);
      const SharedKeyRanks& r = w.block.ranks;
      const auto& begin = w.block.model_begin;
      // df by model, not by sample: a model's repeated samples are one voice.
      std::vector<std::uint32_t> df(r.shared, 0);
      std::vector<std::uint32_t> last_model(r.shared, std::numeric_limits<std::uint32_t>::max());
      std::uint32_t answering = 0;
      for (std::uint32_t m = 0; m + 1 < begin.size(); ++m) {
        answering += begin[m + 1] > begin[m] ? 1 : 0;
        for (std::size_t x = begin[m]; x < begin[m + 1]; ++x) {
          for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) {
            const std::uint32_t rank = r.ranks[k];
            if (last_model[rank] != m) last_model[rank] = m, ++df[rank];
          }
        }
      }
      const double log_n = std::log(static_cast<double>(std::max<std::uint32_t>(answering, 1)));
      w.weight.resize(r.shared);
      for (std::uint32_t rank = 0; rank < r.shared; ++rank) {
        w.weight[rank] = log_n - std::log(static_cast<double>(df[rank]));
      }
      const std::size_t items = r.size.size();
      w.total.resize(items);
      for (std::size_t x = 0; x < items; ++x) {
        double total = 0;
        for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) total += w.weight[r.ranks[k]];
        const std::size_t alone = r.size[x] - (r.begin[x + 1] - r.begin[x]);
        w.total[x] = total + static_cast<double>(alone) * log_n;
      }
      if (!involved.empty()) KeepInvolved(&w);
    });
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    const std::size_t prompts = panel_.Prompts();
    if (!kept_[static_cast<std::size_t>(a)] || !kept_[static_cast<std::size_t>(b)]) {
      return std::vector<double>(prompts, kNaN);
    }
    std::vector<double> out(prompts);
    for (std::size_t p = 0; p < prompts; ++p) {
      const WeightedBlock& w = prompts_[p];
      out[p] = MeanOverBlockPairs(w.block, a, b, [&](std::size_t x, std::size_t y) {
        return WeightedJaccard(w, x, y);
      });
    }
    return out;
  }

 private:
  struct WeightedBlock {
    NgramPromptBlock block;
    std::vector<double> weight;  // per shared rank
    std::vector<double> total;   // per item: the weight of all its keys
  };

  // Drops the rank lists of the models outside the roles and renumbers the ranks the kept
  // lists use, in increasing order (so each list stays sorted), with their weights.
  void KeepInvolved(WeightedBlock* w) const {
    SharedKeyRanks& r = w->block.ranks;
    const auto& model_begin = w->block.model_begin;
    std::vector<std::uint32_t> new_rank(r.shared, 0);
    for (std::size_t m = 0; m + 1 < model_begin.size(); ++m) {
      if (!kept_[m]) continue;
      for (std::size_t k = r.begin[model_begin[m]]; k < r.begin[model_begin[m + 1]]; ++k) {
        new_rank[r.ranks[k]] = 1;
      }
    }
    std::vector<double> weight;
    for (std::uint32_t rank = 0; rank < r.shared; ++rank) {
      if (new_rank[rank] == 0) continue;
      new_rank[rank] = static_cast<std::uint32_t>(weight.size());
      weight.push_back(w->weight[rank]);
    }
    std::vector<std::uint32_t> ranks;
    std::vector<std::size_t> begin(r.begin.size(), 0);
    for (std::size_t m = 0; m + 1 < model_begin.size(); ++m) {
      for (std::size_t x = model_begin[m]; x < model_begin[m + 1]; ++x) {
        begin[x] = ranks.size();
        if (!kept_[m]) continue;
        for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) ranks.push_back(new_rank[r.ranks[k]]);
      }
    }
    begin.back() = ranks.size();
    r.ranks = std::move(ranks);
    r.begin = std::move(begin);
    r.shared = static_cast<std::uint32_t>(weight.size());
    w->weight = std::move(weight);
  }

  // Common weight over union weight; 1 when the union weighs nothing (both answers empty,
  // or made only of n-grams every model used).
  static double WeightedJaccard(const WeightedBlock& w, std::size_t x, std::size_t y) {
    if (x == y) return 1.0;
    const SharedKeyRanks& r = w.block.ranks;
    const std::uint32_t* pa = r.ranks.data() + r.begin[x];
    const std::uint32_t* const ea = r.ranks.data() + r.begin[x + 1];
    const std::uint32_t* pb = r.ranks.data() + r.begin[y];
    const std::uint32_t* const eb = r.ranks.data() + r.begin[y + 1];
    double common = 0;
    while (pa != ea && pb != eb) {
      if (*pa == *pb) {
        common += w.weight[*pa];
        ++pa, ++pb;
      } else if (*pa < *pb) {
        ++pa;
      } else {
        ++pb;
      }
    }
    const double uni = w.total[x] + w.total[y] - common;
    return uni <= 0 ? 1.0 : common / uni;
  }

  const SignalPanel& panel_;
  std::vector<bool> kept_;  // per model: rank lists kept
  std::vector<WeightedBlock> prompts_;
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

void WordNgramSignal::SetBuildThreads(unsigned threads) { build_threads = threads; }

std::optional<std::string> WordNgramSignal::Unavailable(const SignalPanel& panel) const {
  return NoAnswers(panel);
}

std::unique_ptr<PreparedSignal> WordNgramSignal::Prepare(const SignalPanel& panel,
                                                         const SignalRoles*) const {
  return std::make_unique<PreparedWordNgram>(panel);
}

std::optional<std::string> WordNgramIdfSignal::Unavailable(const SignalPanel& panel) const {
  return NoAnswers(panel);
}

std::unique_ptr<PreparedSignal> WordNgramIdfSignal::Prepare(const SignalPanel& panel,
                                                            const SignalRoles* roles) const {
  return std::make_unique<PreparedWordNgramIdf>(panel, roles);
}

FirstTokensSignal::FirstTokensSignal(int k)
    : k_(k),
      name_("first-" + std::to_string(k)),
      summary_("share of the first " + std::to_string(k) +
               " word tokens that agree position by position (openings)") {}

std::optional<std::string> FirstTokensSignal::Unavailable(const SignalPanel& panel) const {
  return NoAnswers(panel);
}

std::unique_ptr<PreparedSignal> FirstTokensSignal::Prepare(const SignalPanel& panel,
                                                           const SignalRoles*) const {
  return std::make_unique<PreparedFirstTokens>(panel, k_);
}

}  // namespace kinship
