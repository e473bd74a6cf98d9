// SignalPanel: everything the provenance signals read, built once per analysis and shared
// by all of them (signal.h): the ok answers by model and prompt, what each prompt is (tags,
// reference answer, dev/test split), per-answer metadata from the records (temperature,
// token logprobs) and the one precomputation nearly every signal needs, the word tokens of
// every answer as 64-bit hashes (tokenised once, in parallel, with the Unicode tokenizer of
// harness/analysis/text_tokenizer.h).
//
// Plain data owning copies of everything; immutable after Build*, so concurrent reads are
// safe. Building never throws on odd input (invalid UTF-8, missing prompts) except
// std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/analysis/panel_answers.h"
#include "harness/core/adapter.h"

namespace kinship {

struct RunData;

// What a signal needs to know about a prompt, parallel to answers.prompts.
struct SignalPrompt {
  std::vector<std::string> tags;
  std::optional<std::string> reference;  // the expected answer, for answer-keyed prompts
  std::string split = "test";            // "dev" or "test"

  bool HasTag(std::string_view tag) const;
};

// Per ok answer, parallel to answers.answers[i][sample].
struct AnswerMeta {
  double temperature = -1;             // as sent; 0 = greedy; < 0 unknown
  std::vector<TokenLogprob> logprobs;  // empty unless the model config asked for them
};

struct SignalPanel {
  const RunData* run = nullptr;  // the run behind the panel; nullptr for constructed panels
  PanelAnswers answers;
  std::vector<SignalPrompt> prompts;          // parallel to answers.prompts
  std::vector<std::vector<AnswerMeta>> meta;  // parallel to answers.answers
  // word_hashes[AnswerIndex(m, p)][sample]: StableHash64 of each word token, in text order.
  std::vector<std::vector<std::vector<std::uint64_t>>> word_hashes;

  std::size_t Models() const { return answers.models.size(); }
  std::size_t Prompts() const { return answers.prompts.size(); }
  const std::vector<std::string>& Answers(std::size_t model, std::size_t prompt) const {
    return answers.answers[answers.AnswerIndex(model, prompt)];
  }
  const std::vector<std::vector<std::uint64_t>>& Words(std::size_t model,
                                                       std::size_t prompt) const {
    return word_hashes[answers.AnswerIndex(model, prompt)];
  }
  // Meta of one sample; a default AnswerMeta when the panel was built without it.
  const AnswerMeta& Meta(std::size_t model, std::size_t prompt, std::size_t sample) const;
  // Index of the first temperature-0 sample of (model, prompt), or -1 when there is none.
  int GreedySample(std::size_t model, std::size_t prompt) const;
  // The samples of (model, prompt) that are draws from the sampling distribution: every
  // sample, except that temperature-0 answers are left out when sampled ones (temperature
  // above 0 or unknown) are present too -- the audit protocol's greedy sample 0 is not a
  // draw, and mixing it in would bias distributional signals (MMD).
  std::vector<std::size_t> SampledDraws(std::size_t model, std::size_t prompt) const;
};

// Builds the panel of a run: answers as CollectPanelAnswers, prompts from run.prompts
// (prompts seen only in records get default SignalPrompt), meta from the ok records in
// sample order. `run` must outlive the panel (SignalPanel::run points to it).
// threads == 0: hardware concurrency.
SignalPanel BuildSignalPanel(const RunData& run, unsigned threads = 0);

// Builds a panel from parts (tests, benchmarks, other front ends). `prompts` and `meta` may
// be empty (defaults are filled in); otherwise they must match answers' shape.
SignalPanel BuildSignalPanel(PanelAnswers answers, std::vector<SignalPrompt> prompts = {},
                             std::vector<std::vector<AnswerMeta>> meta = {},
                             unsigned threads = 0);

}  // namespace kinship
