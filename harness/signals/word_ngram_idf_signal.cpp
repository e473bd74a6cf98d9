#include "harness/signals/word_ngram_idf_signal.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "harness/core/parallel_for.h"
#include "harness/signals/ngram_prompt_block.h"

namespace kinship {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// IDF-weighted Jaccard of word 1-3-grams. Per prompt, an n-gram used by df of the N models
// answering weighs log(N / df): n-grams every model uses (echoed prompt words, "the") weigh 0,
// n-grams few models share weigh most. Keys that only one sample holds are not in the rank
// lists, but each still counts log N (df = 1) in its sample's total weight.
class PreparedWordNgramIdf final : public PreparedSignal {
 public:
  // With roles (naming any model), only the involved models' n-gram lists are kept once the
  // weights are known (df still counts every model): a provenance query needs S's pairs
  // only, and at 200 models the lists of the others are most of the memory. PerPrompt of a
  // model outside the roles is then NaN.
  PreparedWordNgramIdf(const SignalPanel& panel, const SignalRoles* roles)
      : panel_(panel), kept_(panel.Models(), true) {
    const std::vector<int> involved = roles == nullptr ? std::vector<int>{} : roles->Involved();
    if (!involved.empty()) {
      kept_.assign(panel.Models(), false);
      for (int m : involved) kept_[static_cast<std::size_t>(m)] = true;
    }
    prompts_.resize(panel.Prompts());
    ParallelFor(panel.Prompts(), NgramBuildThreads(), [&](std::size_t p) {
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

}  // namespace

std::optional<std::string> WordNgramIdfSignal::Unavailable(const SignalPanel& panel) const {
  return NoOkAnswers(panel);
}

std::unique_ptr<PreparedSignal> WordNgramIdfSignal::Prepare(const SignalPanel& panel,
                                                            const SignalRoles* roles) const {
  return std::make_unique<PreparedWordNgramIdf>(panel, roles);
}

}  // namespace kinship
