#include "adapters/sim/ngram_model.h"

#include <algorithm>
#include <stdexcept>

namespace kinship {

namespace {

constexpr int kBitsPerToken = 16;

// A (context, word) event; contexts pack their tokens oldest-first, most significant first.
struct Event {
  std::uint64_t context;
  TokenId word;
  bool operator<(const Event& o) const {
    return context != o.context ? context < o.context : word < o.word;
  }
  bool operator==(const Event& o) const { return context == o.context && word == o.word; }
};

std::uint64_t DropOldest(std::uint64_t context, int length) {
  // Keeps the newest length-1 tokens of a length-token context.
  if (length <= 1) return 0;
  int bits = kBitsPerToken * (length - 1);
  return bits >= 64 ? context : context & ((std::uint64_t{1} << bits) - 1);
}

std::array<double, 3> EstimateDiscounts(const std::array<std::uint64_t, 4>& n) {
  // Chen & Goodman's estimates; fall back to conventional values where a count-of-counts
  // is zero (tiny corpora), and keep each D below its count so mass stays positive.
  std::array<double, 3> d = {0.5, 1.0, 1.5};
  if (n[0] > 0 && n[1] > 0) {
    double y = static_cast<double>(n[0]) / (n[0] + 2.0 * n[1]);
    d[0] = 1.0 - 2.0 * y * n[1] / n[0];
    if (n[2] > 0) d[1] = 2.0 - 3.0 * y * n[2] / n[1];
    if (n[2] > 0 && n[3] > 0) d[2] = 3.0 - 4.0 * y * n[3] / n[2];
  }
  d[0] = std::clamp(d[0], 0.05, 0.95);
  d[1] = std::clamp(d[1], 0.05, 1.95);
  d[2] = std::clamp(d[2], 0.05, 2.95);
  return d;
}

}  // namespace

NgramModel::NgramModel(int order, std::size_t vocab_size,
                       const std::vector<std::vector<TokenId>>& documents,
                       double discount_scale)
    : order_(order), levels_(order), unigram_(vocab_size, 0.0) {
  if (order < kMinOrder || order > kMaxOrder) {
    throw std::invalid_argument("n-gram order must be 2..5");
  }
  if (vocab_size <= Vocabulary::kEnd) throw std::invalid_argument("vocabulary too small");
  if (!(discount_scale > 0.0 && discount_scale <= 1.0)) {
    throw std::invalid_argument("discount scale must be in (0, 1]");
  }

  // Highest order: every occurrence counts.
  std::vector<Event> events;
  std::vector<TokenId> padded;
  for (const auto& document : documents) {
    padded.assign(order - 1, Vocabulary::kBegin);
    padded.insert(padded.end(), document.begin(), document.end());
    padded.push_back(Vocabulary::kEnd);
    for (std::size_t i = order - 1; i < padded.size(); ++i) {
      std::uint64_t context = 0;
      for (std::size_t j = i - (order - 1); j < i; ++j) {
        context = (context << kBitsPerToken) | padded[j];
      }
      events.push_back({context, padded[i]});
    }
  }

  // Each level from the sorted events of the level above: raw counts at the top,
  // continuation counts (distinct left extensions) below.
  for (int k = order; k >= 1; --k) {
    std::sort(events.begin(), events.end());
    Level& level = levels_[k - 1];
    std::array<std::uint64_t, 4> count_of_counts{};
    std::vector<Event> lower;
    for (std::size_t i = 0; i < events.size();) {
      std::size_t j = i;
      while (j < events.size() && events[j] == events[i]) ++j;
      auto count = static_cast<std::uint32_t>(j - i);
      Context& context = level.contexts[events[i].context];
      context.followers.emplace_back(events[i].word, count);
      context.total += count;
      ++context.n_by_count[std::min<std::uint32_t>(count, 3) - 1];
      ++count_of_counts[std::min<std::uint32_t>(count, 4) - 1];
      if (k > 1) lower.push_back({DropOldest(events[i].context, k - 1), events[i].word});
      i = j;
    }
    level.discounts = EstimateDiscounts(count_of_counts);
    for (double& d : level.discounts) d *= discount_scale;
    events = std::move(lower);
  }

  // Unigram: discounted continuation counts plus the freed mass spread uniformly over
  // every predictable word (all ids but <unk> and <s>).
  const auto predictable = static_cast<double>(vocab_size - 2);
  auto root = levels_[0].contexts.find(0);
  double gamma = 1.0;
  if (root != levels_[0].contexts.end()) {
    const Context& context = root->second;
    gamma = Gamma(levels_[0], context);
    for (auto [word, count] : context.followers) {
      if (word == Vocabulary::kUnknown || word == Vocabulary::kBegin) continue;
      unigram_[word] = (count - Discount(levels_[0], count)) / context.total;
    }
  }
  for (std::size_t w = Vocabulary::kEnd; w < vocab_size; ++w) unigram_[w] += gamma / predictable;
  unigram_[Vocabulary::kUnknown] = 0.0;
  unigram_[Vocabulary::kBegin] = 0.0;
}

std::uint64_t NgramModel::ContextKey(std::span<const TokenId> history, int length) const {
  std::uint64_t key = 0;
  for (int i = length; i >= 1; --i) {
    auto index = static_cast<std::ptrdiff_t>(history.size()) - i;
    TokenId token = index >= 0 ? history[index] : Vocabulary::kBegin;
    key = (key << kBitsPerToken) | token;
  }
  return key;
}

double NgramModel::Discount(const Level& level, std::uint32_t count) const {
  if (count == 0) return 0.0;
  return level.discounts[std::min<std::uint32_t>(count, 3) - 1];
}

double NgramModel::Gamma(const Level& level, const Context& context) const {
  double freed = 0.0;
  for (int c = 0; c < 3; ++c) freed += level.discounts[c] * context.n_by_count[c];
  return freed / static_cast<double>(context.total);
}

const NgramModel::Context* NgramModel::Find(int order,
                                            std::span<const TokenId> history) const {
  const auto& contexts = levels_[order - 1].contexts;
  auto it = contexts.find(ContextKey(history, order - 1));
  return it == contexts.end() ? nullptr : &it->second;
}

double NgramModel::Probability(std::span<const TokenId> history, TokenId word) const {
  if (word >= unigram_.size()) return 0.0;
  double p = unigram_[word];
  if (p == 0.0) return 0.0;  // <unk> and <s> are never predicted
  for (int k = 2; k <= order_; ++k) {
    const Context* context = Find(k, history);
    if (context == nullptr) break;  // no longer context can exist either
    const Level& level = levels_[k - 1];
    auto it = std::lower_bound(context->followers.begin(), context->followers.end(),
                               std::pair<TokenId, std::uint32_t>{word, 0});
    double own = 0.0;
    if (it != context->followers.end() && it->first == word) {
      own = (it->second - Discount(level, it->second)) / static_cast<double>(context->total);
    }
    p = own + Gamma(level, *context) * p;
  }
  return p;
}

void NgramModel::Distribution(std::span<const TokenId> history, SparseDistribution* out,
                              std::vector<int>* scratch) const {
  out->words.clear();
  out->probs.clear();
  out->rest_scale = 1.0;
  std::vector<int>& position = *scratch;
  // Every word seen after a longer context was also seen after the last token alone
  // (continuation counts), so the bigram followers are the only words whose
  // probability differs from the scaled unigram tail.
  const Context* bigram = Find(2, history);
  if (bigram == nullptr) return;
  for (auto [word, count] : bigram->followers) {
    if (unigram_[word] == 0.0) continue;
    position[word] = static_cast<int>(out->words.size());
    out->words.push_back(word);
    out->probs.push_back(unigram_[word]);
  }
  for (int k = 2; k <= order_; ++k) {
    const Context* context = k == 2 ? bigram : Find(k, history);
    if (context == nullptr) break;
    const Level& level = levels_[k - 1];
    double gamma = Gamma(level, *context);
    for (double& p : out->probs) p *= gamma;
    out->rest_scale *= gamma;
    auto total = static_cast<double>(context->total);
    for (auto [word, count] : context->followers) {
      int at = position[word];
      if (at >= 0) out->probs[at] += (count - Discount(level, count)) / total;
    }
  }
  for (TokenId word : out->words) position[word] = -1;
}

}  // namespace kinship
