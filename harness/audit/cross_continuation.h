// The derived `cross-continuation` suite (suites/README.md; research §4.2, DNA-GPT style):
// built from a finished run, it gives every model the first half of each model's answer to
// a source prompt and asks it to continue. The analysis then sees, for a pair (S, T), on the
// prompts cut from T's answers, whether S continues T's text the way T itself does (T's own
// greedy continuation of its own prefix stands in for the true remainder), and the reverse
// on the prompts cut from S's answers.
//
// Prompt form (works with every chat backend; no assistant prefill needed): one user turn,
//   Continue the answer below from exactly where it stops. Reply with the continuation
//   only, without repeating any of it.
//
//   Request:
//   <the source prompt's last user message>
//
//   Answer so far:
//   <the prefix>
// Ids are "<source prompt id>@<source model>"; split and tags come from the source prompt,
// plus the tags "cross-continuation" and "from:<source model>". Greedy (temperature 0), one
// sample, max_tokens 160. Every model of the panel continues every prefix, its own included.
//
// Pure functions except WriteCrossContinuationSuite (files). Never throw otherwise.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/prompt.h"
#include "harness/core/sampling.h"

namespace kinship {

struct RunData;

inline constexpr const char* kCrossContinuationSuite = "cross-continuation";
// The prefix is capped in bytes so the cost of the second phase has a true upper bound
// before the first phase has answered (cost.h bounds input tokens by bytes).
inline constexpr std::size_t kMaxPrefixBytes = 1000;
// Answers with fewer word tokens are not cut (half of them says too little).
inline constexpr std::size_t kMinTokensToCut = 4;

// The first half of `text`'s word tokens (the Unicode tokenizer of harness/analysis), cut
// between two tokens -- never inside a word or a UTF-8 sequence -- then shortened to at most
// `max_bytes` bytes at such a cut, trailing white space removed. Empty when the text has
// fewer than kMinTokensToCut tokens or no cut fits.
std::string HalfwayPrefix(std::string_view text, std::size_t max_bytes = kMaxPrefixBytes);

std::string CrossContinuationId(std::string_view prompt_id, std::string_view source_model);
std::string CrossContinuationText(std::string_view request, std::string_view prefix);
// The derived prompts' sampling: temperature 0, max_tokens 160, seed 6107.
SamplingParams CrossContinuationSampling();

struct CrossContinuationOptions {
  std::string source_suite = "chat";
  std::size_t max_source_prompts = 0;  // the first N source prompts of the run; 0: all
};

// One prompt per (source prompt, model with a usable answer), source prompts in the run's
// plan order, models in panel order. A model's answer is its first greedy (temperature 0)
// ok answer, else its lowest-numbered ok answer; answers that are not valid UTF-8 or give an
// empty HalfwayPrefix are skipped.
std::vector<Prompt> DeriveCrossContinuation(const RunData& run,
                                            const CrossContinuationOptions& options);

// Stand-ins with the longest possible prefix, one per (source prompt, model): what the
// derived suite can cost at most, before the first phase has answered.
std::vector<Prompt> CrossContinuationBound(const std::vector<Prompt>& source_prompts,
                                           const std::vector<std::string>& models);

// The part of a cross-continuation run cut from `source_model`'s answers: the prompts tagged
// "from:<source_model>" and their records (the manifest is kept). On it, the relative test
// of a suspect S against candidate T = source_model asks exactly "does S continue T's text
// the way T itself does, more than the controls do?".
RunData CrossContinuationFrom(const RunData& run, std::string_view source_model);

// Writes the suite file `yaml` (name cross-continuation, version "1") and its dataset
// `<stem>.jsonl` beside it, with `origin` in the description. Loadable by LoadSuite.
void WriteCrossContinuationSuite(const std::filesystem::path& yaml,
                                 const std::vector<Prompt>& prompts, const std::string& origin);

}  // namespace kinship
