// Vocabulary: the two-way map between sim tokens and dense ids. Ids 0..2 are reserved
// (<unk>, <s>, </s>). Ids fit in 16 bits so an n-gram context of up to four tokens packs
// into one 64-bit key (NgramModel); tokens past the cap map to <unk>.
//
// Built once, then shared read-only by every model of the zoo (so a teacher's sampled
// token ids are directly a student's training data). Add() is not thread-safe; the
// const members are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kinship {

using TokenId = std::uint32_t;

class Vocabulary {
 public:
  static constexpr TokenId kUnknown = 0;
  static constexpr TokenId kBegin = 1;
  static constexpr TokenId kEnd = 2;
  static constexpr std::size_t kMaxSize = 65535;

  Vocabulary() {
    for (const char* special : {"<unk>", "<s>", "</s>"}) Add(special);
  }

  // The token's id, adding it when new (kUnknown once the vocabulary is full).
  TokenId Add(std::string_view token) {
    auto it = ids_.find(std::string(token));
    if (it != ids_.end()) return it->second;
    if (texts_.size() >= kMaxSize) return kUnknown;
    TokenId id = static_cast<TokenId>(texts_.size());
    texts_.emplace_back(token);
    ids_.emplace(texts_.back(), id);
    return id;
  }

  TokenId Find(std::string_view token) const {
    auto it = ids_.find(std::string(token));
    return it == ids_.end() ? kUnknown : it->second;
  }

  const std::string& Text(TokenId id) const { return texts_.at(id); }
  std::size_t size() const { return texts_.size(); }

 private:
  std::vector<std::string> texts_;
  std::unordered_map<std::string, TokenId> ids_;
};

}  // namespace kinship
