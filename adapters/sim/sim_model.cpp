#include "adapters/sim/sim_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "adapters/sim/sim_tokenizer.h"
#include "harness/core/hash.h"

namespace kinship {

namespace {

// How much of each step's probability comes from the prompt's topic documents (see
// TopicCache). High enough that different prompts give visibly different answers, low
// enough that the voice's own habits (openings, formatting, stock phrases) still show.
constexpr double kTopicTrigramWeight = 0.5;
constexpr double kTopicBigramWeight = 0.2;
// See NgramModel: the voices' corpora are small, so long contexts get more trust than
// the count-of-counts estimate would give them.
constexpr double kDiscountScale = 0.4;
// Documents feeding the topic cache.
constexpr std::size_t kTopicDocuments = 2;
// Multiplies the probability of a word that would repeat a trigram already in the
// answer: keeps greedy decoding from cycling forever.
constexpr double kRepeatPenalty = 0.15;
// A keyword on a document's marker line (or a distillation prompt) counts this many
// times a word merely used in its text.
constexpr double kKeywordWeight = 3.0;

double Uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;  // same on every platform
}

std::vector<std::vector<TokenId>> TokensOf(const std::vector<SimDocument>& documents) {
  std::vector<std::vector<TokenId>> out;
  out.reserve(documents.size());
  for (const auto& document : documents) out.push_back(document.tokens);
  return out;
}

std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> words;
  for (const auto& token : TokenizeSim(text)) {
    std::string word = SimContentWord(token);
    if (!word.empty()) words.push_back(std::move(word));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// Trigram and bigram counts of the related documents, including the <s> context, so the
// topic also shapes how the answer opens. The trigram rows keep an answer on one
// document's thread; the bigram rows catch it when the trigram context is new.
struct TopicCache {
  struct Row {
    std::vector<std::pair<TokenId, double>> next;
    double total = 0;
  };
  std::unordered_map<std::uint64_t, Row> trigrams;  // key: older << 16 | previous
  std::unordered_map<std::uint64_t, Row> bigrams;   // key: previous

  static void Count(Row& row, TokenId word) {
    auto it = std::find_if(row.next.begin(), row.next.end(),
                           [word](const auto& entry) { return entry.first == word; });
    if (it == row.next.end()) row.next.emplace_back(word, 1.0); else it->second += 1.0;
    row.total += 1.0;
  }

  void Add(const std::vector<TokenId>& tokens) {
    TokenId older = Vocabulary::kBegin, previous = Vocabulary::kBegin;
    for (std::size_t i = 0; i <= tokens.size(); ++i) {
      TokenId word = i < tokens.size() ? tokens[i] : Vocabulary::kEnd;
      Count(trigrams[(std::uint64_t{older} << 16) | previous], word);
      Count(bigrams[previous], word);
      older = previous;
      previous = word;
    }
  }

  // The row to mix in after (older, previous) and its weight, or nullptr.
  const Row* Find(TokenId older, TokenId previous, double* weight) const {
    auto tri = trigrams.find((std::uint64_t{older} << 16) | previous);
    if (tri != trigrams.end()) {
      *weight = kTopicTrigramWeight;
      return &tri->second;
    }
    auto bi = bigrams.find(previous);
    *weight = bi == bigrams.end() ? 0.0 : kTopicBigramWeight;
    return bi == bigrams.end() ? nullptr : &bi->second;
  }
};

}  // namespace

SimModel::SimModel(std::string name, std::shared_ptr<const Vocabulary> vocabulary, int order,
                   std::vector<SimDocument> documents)
    : name_(std::move(name)),
      vocabulary_(std::move(vocabulary)),
      documents_(std::move(documents)),
      ngram_(order, vocabulary_->size(), TokensOf(documents_), kDiscountScale) {
  std::map<std::string, int> document_frequency;
  for (const auto& document : documents_) {
    training_tokens_ += document.tokens.size();
    std::map<std::string, double> weights;
    for (TokenId id : document.tokens) {
      std::string word = SimContentWord(vocabulary_->Text(id));
      if (!word.empty()) weights[word] = 1.0;
    }
    for (const auto& keyword : document.keywords) weights[keyword] = kKeywordWeight;
    for (const auto& [word, weight] : weights) ++document_frequency[word];
    document_terms_.emplace_back(weights.begin(), weights.end());
  }
  const double n = static_cast<double>(documents_.size());
  for (const auto& [word, df] : document_frequency) {
    idf_.emplace_back(word, std::log(1.0 + n / df));
  }
}

std::vector<std::size_t> SimModel::RelatedDocuments(std::string_view prompt) const {
  std::vector<std::size_t> chosen;
  if (documents_.empty()) return chosen;
  std::vector<std::string> words = ContentWords(prompt);
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t d = 0; d < documents_.size(); ++d) {
    const auto& terms = document_terms_[d];
    double score = 0.0;
    for (const auto& word : words) {
      auto term = std::lower_bound(terms.begin(), terms.end(), std::pair{word, 0.0},
                                   [](const auto& a, const auto& b) { return a.first < b.first; });
      if (term == terms.end() || term->first != word) continue;
      auto idf = std::lower_bound(idf_.begin(), idf_.end(), std::pair{word, 0.0},
                                  [](const auto& a, const auto& b) { return a.first < b.first; });
      score += term->second * idf->second;
    }
    if (score > 0) scored.emplace_back(-score, d);  // negated: best first, then lowest index
  }
  std::sort(scored.begin(), scored.end());
  for (std::size_t i = 0; i < scored.size() && i < kTopicDocuments; ++i) {
    chosen.push_back(scored[i].second);
  }
  if (chosen.empty()) {
    // Nothing in common (another language, an unusual subject): still answer in voice,
    // on a document chosen by the prompt itself so different prompts differ.
    chosen.push_back(StableHash64(prompt) % documents_.size());
  }
  return chosen;
}

SimGeneration SimModel::Generate(std::string_view prompt, const SimSampling& sampling) const {
  SimGeneration result;
  const std::size_t vocab = vocabulary_->size();
  TopicCache topic;
  for (std::size_t d : RelatedDocuments(prompt)) topic.Add(documents_[d].tokens);

  const bool greedy = !(sampling.temperature > 1e-6);
  const double inverse_t = greedy ? 1.0 : 1.0 / sampling.temperature;
  const double top_p = sampling.top_p > 0.0 && sampling.top_p < 1.0 ? sampling.top_p : 1.0;
  const std::vector<double>& unigram = ngram_.Unigram();

  // Tempered unigram tail and its running sums, for words no context has seen.
  std::vector<double> tail_cumulative;
  double tail_total = 0.0;
  std::vector<TokenId> by_unigram;
  if (greedy) {
    by_unigram.resize(vocab);
    for (std::size_t w = 0; w < vocab; ++w) by_unigram[w] = static_cast<TokenId>(w);
    std::stable_sort(by_unigram.begin(), by_unigram.end(),
                     [&](TokenId a, TokenId b) { return unigram[a] > unigram[b]; });
  } else {
    tail_cumulative.resize(vocab);
    for (std::size_t w = 0; w < vocab; ++w) {
      tail_total += unigram[w] > 0 ? std::pow(unigram[w], inverse_t) : 0.0;
      tail_cumulative[w] = tail_total;
    }
  }

  std::mt19937_64 rng(sampling.seed);
  std::vector<int> scratch(vocab, -1);
  std::vector<int> position(vocab, -1);
  SparseDistribution kn;
  std::vector<TokenId> words;
  std::vector<double> probs;
  std::vector<std::size_t> order;
  std::unordered_set<std::uint64_t> seen_trigrams;
  std::vector<TokenId> history(ngram_.order() - 1, Vocabulary::kBegin);

  const int cap = std::max(0, sampling.max_tokens);
  bool ended = false;
  while (static_cast<int>(result.tokens.size()) < cap) {
    ngram_.Distribution(history, &kn, &scratch);
    const TokenId older = history.size() >= 2 ? history[history.size() - 2] : Vocabulary::kBegin;
    double lambda = 0.0;
    const TopicCache::Row* row = topic.Find(older, history.back(), &lambda);
    const double rest_scale = (1.0 - lambda) * kn.rest_scale;

    words.assign(kn.words.begin(), kn.words.end());
    probs.resize(kn.probs.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      probs[i] = (1.0 - lambda) * kn.probs[i];
      position[words[i]] = static_cast<int>(i);
    }
    if (lambda > 0) {
      for (auto [word, count] : row->next) {
        if (position[word] < 0) {
          position[word] = static_cast<int>(words.size());
          words.push_back(word);
          probs.push_back(rest_scale * unigram[word]);
        }
        probs[position[word]] += lambda * count / row->total;
      }
    }
    const std::uint64_t recent =
        (std::uint64_t{older} << 32) | (std::uint64_t{history.back()} << 16);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (seen_trigrams.count(recent | words[i])) probs[i] *= kRepeatPenalty;
    }

    TokenId chosen = Vocabulary::kEnd;
    if (greedy) {
      std::size_t best = 0;
      for (std::size_t i = 1; i < words.size(); ++i) {
        if (probs[i] > probs[best] || (probs[i] == probs[best] && words[i] < words[best])) {
          best = i;
        }
      }
      double best_p = words.empty() ? -1.0 : probs[best];
      chosen = words.empty() ? Vocabulary::kEnd : words[best];
      for (TokenId w : by_unigram) {
        if (position[w] >= 0) continue;
        if (rest_scale * unigram[w] > best_p) chosen = w;
        break;
      }
    } else {
      double candidate_tail = 0.0;
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (unigram[words[i]] > 0) candidate_tail += std::pow(unigram[words[i]], inverse_t);
        probs[i] = std::pow(probs[i], inverse_t);
      }
      const double tail = std::pow(rest_scale, inverse_t) *
                          std::max(0.0, tail_total - candidate_tail);
      // The nucleus: candidates by weight, the unigram tail as one more item.
      order.resize(words.size() + 1);
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      auto weight = [&](std::size_t i) { return i < words.size() ? probs[i] : tail; };
      double total = tail;
      for (double p : probs) total += p;
      std::size_t kept = order.size();
      if (top_p < 1.0) {
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          double wa = weight(a), wb = weight(b);
          if (wa != wb) return wa > wb;
          TokenId ia = a < words.size() ? words[a] : 0, ib = b < words.size() ? words[b] : 0;
          return ia < ib;
        });
        double running = 0.0;
        for (kept = 0; kept < order.size();) {
          running += weight(order[kept++]);
          if (running >= top_p * total) break;
        }
        total = running;
      }
      double r = Uniform01(rng) * total;
      std::size_t pick = order[kept - 1];
      for (std::size_t k = 0; k < kept; ++k) {
        r -= weight(order[k]);
        if (r < 0) {
          pick = order[k];
          break;
        }
      }
      if (pick < words.size()) {
        chosen = words[pick];
      } else {
        // A tail word: draw from the tempered unigram, rejecting the candidates.
        chosen = Vocabulary::kEnd;
        for (int attempt = 0; attempt < 64; ++attempt) {
          double u = Uniform01(rng) * tail_total;
          auto it = std::upper_bound(tail_cumulative.begin(), tail_cumulative.end(), u);
          if (it == tail_cumulative.end()) continue;
          auto w = static_cast<TokenId>(it - tail_cumulative.begin());
          if (position[w] < 0 && unigram[w] > 0) {
            chosen = w;
            break;
          }
        }
      }
    }
    for (TokenId w : words) position[w] = -1;

    if (chosen == Vocabulary::kEnd) {
      ended = true;
      break;
    }
    seen_trigrams.insert(recent | chosen);
    result.tokens.push_back(chosen);
    history.erase(history.begin());
    history.push_back(chosen);
  }
  result.truncated = !ended;
  return result;
}

std::string SimModel::Answer(std::string_view prompt, const SimSampling& sampling) const {
  SimGeneration generation = Generate(prompt, sampling);
  std::vector<std::string> texts;
  texts.reserve(generation.tokens.size());
  for (TokenId id : generation.tokens) texts.push_back(vocabulary_->Text(id));
  return DetokenizeSim(texts);
}

}  // namespace kinship
