#include "harness/signals/lexical_signals.h"

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "harness/signals/parallel_for.h"
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

// Sorted unique 32-bit keys of every sample, in one flat array: sample_begin_[i] is the
// first sample of answer i (AnswerIndex order), key_begin_[s] the first key of sample s.
class PreparedWordNgram final : public PreparedSignal {
 public:
  explicit PreparedWordNgram(const SignalPanel& panel) : panel_(panel) {
    const std::size_t answers = panel.answers.answers.size();
    sample_begin_.resize(answers + 1, 0);
    for (std::size_t i = 0; i < answers; ++i) {
      sample_begin_[i + 1] = sample_begin_[i] + panel.word_hashes[i].size();
    }
    const std::size_t samples = sample_begin_[answers];
    std::vector<std::size_t> counts(samples + 1, 0);
    std::vector<std::vector<std::uint32_t>> per_answer(answers);
    // Built per answer in parallel, then copied into the flat array: the copy is cheap next
    // to hashing and sorting, and keeps the parallel part allocation-local.
    ParallelFor(answers, build_threads.load(), [&](std::size_t i) {
      std::vector<std::uint64_t> grams;
      std::vector<std::uint32_t>& out = per_answer[i];
      for (std::size_t s = 0; s < panel.word_hashes[i].size(); ++s) {
        grams.clear();
        AppendWordNgramKeys(panel.word_hashes[i][s], 1, 3, &grams);
        const std::size_t start = out.size();
        for (std::uint64_t g : grams) out.push_back(static_cast<std::uint32_t>(g >> 32));
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
        out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(start), out.end()),
                  out.end());
        counts[sample_begin_[i] + s + 1] = out.size() - start;
      }
    });
    key_begin_.resize(samples + 1, 0);
    for (std::size_t s = 0; s < samples; ++s) key_begin_[s + 1] = key_begin_[s] + counts[s + 1];
    keys_.resize(key_begin_[samples]);
    ParallelFor(answers, build_threads.load(), [&](std::size_t i) {
      std::copy(per_answer[i].begin(), per_answer[i].end(),
                keys_.begin() + static_cast<std::ptrdiff_t>(key_begin_[sample_begin_[i]]));
      std::vector<std::uint32_t>().swap(per_answer[i]);
    });
  }

  std::vector<double> PerPrompt(int a, int b) const override {
    const std::size_t prompts = panel_.Prompts();
    std::vector<double> out(prompts);
    for (std::size_t p = 0; p < prompts; ++p) {
      const std::size_t ia = panel_.answers.AnswerIndex(static_cast<std::size_t>(a), p);
      const std::size_t ib = panel_.answers.AnswerIndex(static_cast<std::size_t>(b), p);
      const std::size_t sa = sample_begin_[ia];
      const std::size_t sb = sample_begin_[ib];
      out[p] = MeanOverSamplePairs(sample_begin_[ia + 1] - sa, sample_begin_[ib + 1] - sb,
                                   [&](std::size_t i, std::size_t j) {
                                     return Jaccard(sa + i, sb + j);
                                   });
    }
    return out;
  }

 private:
  double Jaccard(std::size_t x, std::size_t y) const {
    const std::uint32_t* pa = keys_.data() + key_begin_[x];
    const std::uint32_t* const ea = keys_.data() + key_begin_[x + 1];
    const std::uint32_t* pb = keys_.data() + key_begin_[y];
    const std::uint32_t* const eb = keys_.data() + key_begin_[y + 1];
    const std::size_t total = static_cast<std::size_t>((ea - pa) + (eb - pb));
    if (total == 0) return 1.0;
    std::size_t common = 0;
    while (pa != ea && pb != eb) {  // arithmetic advance: the branches are unpredictable
      const std::uint32_t u = *pa;
      const std::uint32_t v = *pb;
      common += (u == v);
      pa += (u <= v);
      pb += (v <= u);
    }
    return static_cast<double>(common) / static_cast<double>(total - common);
  }

  const SignalPanel& panel_;
  std::vector<std::size_t> sample_begin_;
  std::vector<std::size_t> key_begin_;
  std::vector<std::uint32_t> keys_;
};

class PreparedFirstTokens final : public PreparedSignal {
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
        const auto& x = wa[i];
        const auto& y = wb[j];
        const std::size_t denominator = std::min(k, std::max(x.size(), y.size()));
        if (denominator == 0) return 1.0;
        const std::size_t shorter = std::min({k, x.size(), y.size()});
        std::size_t agree = 0;
        for (std::size_t t = 0; t < shorter; ++t) agree += x[t] == y[t];
        return static_cast<double>(agree) / static_cast<double>(denominator);
      });
    }
    return out;
  }

 private:
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
