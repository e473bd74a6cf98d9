// SimModel: one trained simulated model -- a Kneser-Ney n-gram over a shared vocabulary
// plus the topic documents it was trained on, so an answer can follow the prompt.
//
// Generation mixes the n-gram distribution with a "topic cache": the trigram/bigram
// statistics of the model's two documents most related to the prompt's content words
// (keyword overlap, IDF-weighted; a prompt with no overlap gets a document chosen by
// its hash). A word that would repeat a trigram of the answer is down-weighted, which
// stops greedy loops. Sampling supports temperature (0 = greedy with lowest-id
// tie-break), top_p (the long unigram tail counts as one nucleus item) and a token cap,
// with its own seeded RNG, so an answer is a pure function of (model, prompt,
// temperature, top_p, cap, seed). At temperature 0 the seed is unused.
//
// Immutable after construction; Generate is const and thread-safe. Never throws for any
// prompt text (unknown words simply do not match).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sim/ngram_model.h"
#include "adapters/sim/vocabulary.h"

namespace kinship {

struct SimDocument {
  std::vector<std::string> keywords;  // content words of the marker line or the prompt
  std::vector<TokenId> tokens;
};

struct SimSampling {
  double temperature = 0.0;
  double top_p = 1.0;
  int max_tokens = 512;
  std::uint64_t seed = 0;
};

struct SimGeneration {
  std::vector<TokenId> tokens;  // without </s>
  bool truncated = false;       // stopped by max_tokens rather than by </s>
};

class SimModel {
 public:
  SimModel(std::string name, std::shared_ptr<const Vocabulary> vocabulary, int order,
           std::vector<SimDocument> documents);

  const std::string& name() const { return name_; }
  const Vocabulary& vocabulary() const { return *vocabulary_; }
  const NgramModel& ngram() const { return ngram_; }
  std::size_t training_tokens() const { return training_tokens_; }

  SimGeneration Generate(std::string_view prompt, const SimSampling& sampling) const;
  // Convenience: the detokenized answer.
  std::string Answer(std::string_view prompt, const SimSampling& sampling) const;

  // Indices of the documents the topic cache uses for `prompt` (for tests).
  std::vector<std::size_t> RelatedDocuments(std::string_view prompt) const;

 private:
  std::string name_;
  std::shared_ptr<const Vocabulary> vocabulary_;
  std::vector<SimDocument> documents_;
  std::size_t training_tokens_ = 0;
  NgramModel ngram_;
  // Content words of each document (keywords weigh triple) and their IDF.
  std::vector<std::vector<std::pair<std::string, double>>> document_terms_;
  std::vector<std::pair<std::string, double>> idf_;  // sorted by word
};

}  // namespace kinship
