#include "harness/core/did_you_mean.h"

#include <algorithm>
#include <numeric>

namespace kinship {

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions ("modle" -> "model"
  // is one edit), the commonest typo. Three rows suffice.
  std::vector<int> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  int best_distance = std::max<int>(1, static_cast<int>(word.size()) / 3) + 1;
  for (const auto& candidate : candidates) {
    int distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (best || word.empty()) return best;
  std::optional<std::string> prefixed;
  for (const auto& candidate : candidates) {
    if (candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0) {
      if (prefixed) return std::nullopt;  // ambiguous prefix
      prefixed = candidate;
    }
  }
  if (prefixed) return prefixed;
  // The word runs on past a name ("--output" for "--out", "listing" for "list"): the
  // longest such name, if it has at least three characters besides its leading dashes
  // (so "-n" is never read into "-nothing"). Two names of one length cannot both be
  // prefixes of the word, so the longest is unique.
  for (const auto& candidate : candidates) {
    const std::size_t dashes = std::min(candidate.find_first_not_of('-'), candidate.size());
    if (candidate.size() - dashes < 3 || candidate.size() >= word.size()) continue;
    if (word.compare(0, candidate.size(), candidate) != 0) continue;
    if (!prefixed || candidate.size() > prefixed->size()) prefixed = candidate;
  }
  return prefixed;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = ClosestMatch(word, candidates);
  return match ? "; did you mean '" + *match + "'?" : "";
}

}  // namespace kinship
