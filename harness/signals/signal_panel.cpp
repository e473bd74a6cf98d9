#include "harness/signals/signal_panel.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "harness/analysis/text_tokenizer.h"
#include "harness/core/hash.h"
#include "harness/run/run_reader.h"
#include "harness/core/parallel_for.h"

namespace kinship {

bool SignalPrompt::HasTag(std::string_view tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

const AnswerMeta& SignalPanel::Meta(std::size_t model, std::size_t prompt,
                                    std::size_t sample) const {
  static const AnswerMeta kNone;
  const std::size_t index = answers.AnswerIndex(model, prompt);
  if (index >= meta.size() || sample >= meta[index].size()) return kNone;
  return meta[index][sample];
}

int SignalPanel::GreedySample(std::size_t model, std::size_t prompt) const {
  const std::size_t samples = Answers(model, prompt).size();
  for (std::size_t s = 0; s < samples; ++s) {
    if (Meta(model, prompt, s).temperature == 0) return static_cast<int>(s);
  }
  return -1;
}

std::vector<std::size_t> SignalPanel::SampledDraws(std::size_t model, std::size_t prompt) const {
  const std::size_t samples = Answers(model, prompt).size();
  std::vector<std::size_t> draws;
  for (std::size_t s = 0; s < samples; ++s) {
    if (Meta(model, prompt, s).temperature != 0) draws.push_back(s);
  }
  if (draws.empty()) {
    for (std::size_t s = 0; s < samples; ++s) draws.push_back(s);
  }
  return draws;
}

SignalPanel BuildSignalPanel(PanelAnswers answers, std::vector<SignalPrompt> prompts,
                             std::vector<std::vector<AnswerMeta>> meta, unsigned threads) {
  SignalPanel panel;
  panel.answers = std::move(answers);
  panel.prompts = std::move(prompts);
  panel.prompts.resize(panel.answers.prompts.size());
  panel.meta = std::move(meta);
  panel.meta.resize(panel.answers.answers.size());
  for (std::size_t i = 0; i < panel.meta.size(); ++i) {
    panel.meta[i].resize(panel.answers.answers[i].size());
  }
  panel.word_hashes.resize(panel.answers.answers.size());
  ParallelFor(panel.answers.answers.size(), threads, [&](std::size_t i) {
    auto& out = panel.word_hashes[i];
    out.resize(panel.answers.answers[i].size());
    for (std::size_t s = 0; s < out.size(); ++s) {
      // Hash each token straight from the tokenizer's buffer: no std::string per token.
      // A word is rarely under 4 bytes of text, so this reserve seldom reallocates twice.
      const std::string& text = panel.answers.answers[i][s];
      std::vector<std::uint64_t>& hashes = out[s];
      hashes.reserve(text.size() / 5 + 8);
      ForEachWordToken(text, [&hashes](std::string_view token) {
        hashes.push_back(StableHash64(token));
      });
      hashes.shrink_to_fit();
    }
  });
  return panel;
}

SignalPanel BuildSignalPanel(const RunData& run, unsigned threads) {
  PanelAnswers answers = CollectPanelAnswers(run);
  std::unordered_map<std::string, std::size_t> prompt_index;
  for (std::size_t p = 0; p < answers.prompts.size(); ++p) prompt_index[answers.prompts[p]] = p;
  std::unordered_map<std::string, std::size_t> model_index;
  for (std::size_t m = 0; m < answers.models.size(); ++m) model_index[answers.models[m]] = m;

  std::vector<SignalPrompt> prompts(answers.prompts.size());
  for (const Prompt& prompt : run.prompts) {
    auto it = prompt_index.find(PromptKey(prompt.suite, prompt.id));
    if (it == prompt_index.end()) continue;
    SignalPrompt& info = prompts[it->second];
    info.tags = prompt.tags;
    info.reference = prompt.reference;
    info.split = prompt.split;
  }
  // The same order as CollectPanelAnswers: ok records by sample index.
  std::map<std::pair<std::size_t, int>, const ResponseRecord*> by_sample;
  for (const ResponseRecord& record : run.records) {
    if (!record.ok()) continue;
    auto m = model_index.find(record.model);
    auto p = prompt_index.find(PromptKey(record.suite, record.prompt_id));
    if (m == model_index.end() || p == prompt_index.end()) continue;
    by_sample.emplace(std::make_pair(answers.AnswerIndex(m->second, p->second), record.sample),
                      &record);
  }
  std::vector<std::vector<AnswerMeta>> meta(answers.answers.size());
  for (const auto& [key, record] : by_sample) {
    AnswerMeta item;
    item.temperature = record->temperature;
    item.logprobs = record->logprobs;
    meta[key.first].push_back(std::move(item));
  }
  SignalPanel panel =
      BuildSignalPanel(std::move(answers), std::move(prompts), std::move(meta), threads);
  panel.run = &run;
  return panel;
}

}  // namespace kinship
