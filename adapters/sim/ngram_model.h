// NgramModel: an interpolated modified Kneser-Ney language model over token ids
// (Chen & Goodman 1998: three discounts per order estimated from count-of-counts; raw
// counts at the highest order, continuation counts below; the unigram level interpolated
// with the uniform distribution so every word has mass).
//
// Trained once in the constructor from documents of token ids (each padded with
// order-1 <s> and closed by </s>); immutable afterwards, so all const members are
// thread-safe. Predicted words are every id except <unk> and <s>: probabilities over
// them sum to 1 for any history. Never throws on valid ids; ids must be < vocab_size.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "adapters/sim/vocabulary.h"

namespace kinship {

// P(.|history) in sparse form: explicit probabilities for `words`, and
// rest_scale * UnigramProbability(w) for every other predictable word.
struct SparseDistribution {
  std::vector<TokenId> words;
  std::vector<double> probs;
  double rest_scale = 1.0;
};

class NgramModel {
 public:
  static constexpr int kMinOrder = 2;
  static constexpr int kMaxOrder = 5;

  // `discount_scale` multiplies every estimated discount (1 = textbook modified KN).
  // Below 1 the model trusts long contexts more: on the sim voices' small corpora the
  // estimated discounts give most mass to the backoff, which reads as word salad.
  NgramModel(int order, std::size_t vocab_size,
             const std::vector<std::vector<TokenId>>& documents, double discount_scale = 1.0);

  int order() const { return order_; }
  std::size_t vocab_size() const { return unigram_.size(); }

  // P(word | history), computed directly by the recursive formula. Only the last
  // order-1 tokens of `history` matter; a shorter history is padded with <s>.
  double Probability(std::span<const TokenId> history, TokenId word) const;

  // The whole distribution after `history`, touching only words seen after the last
  // token (everything else is the unigram tail). `scratch` must have vocab_size()
  // entries of -1 and is restored before returning (callers keep one per thread).
  void Distribution(std::span<const TokenId> history, SparseDistribution* out,
                    std::vector<int>* scratch) const;

  double UnigramProbability(TokenId word) const { return unigram_[word]; }
  const std::vector<double>& Unigram() const { return unigram_; }

  // The discounts D1, D2, D3+ used at `order` (1-based), for tests and diagnostics.
  std::array<double, 3> Discounts(int order) const { return levels_.at(order - 1).discounts; }

 private:
  struct Context {
    std::vector<std::pair<TokenId, std::uint32_t>> followers;  // sorted by id
    std::uint64_t total = 0;
    std::array<std::uint32_t, 3> n_by_count{};  // followers with count 1, 2, 3+
  };
  struct Level {
    std::unordered_map<std::uint64_t, Context> contexts;
    std::array<double, 3> discounts{};
  };

  // Packs the last `length` tokens of the padded history into a key.
  std::uint64_t ContextKey(std::span<const TokenId> history, int length) const;
  double Discount(const Level& level, std::uint32_t count) const;
  double Gamma(const Level& level, const Context& context) const;
  const Context* Find(int order, std::span<const TokenId> history) const;

  int order_;
  std::vector<Level> levels_;     // levels_[k-1] holds the order-k statistics
  std::vector<double> unigram_;   // P1(w), dense
};

}  // namespace kinship
