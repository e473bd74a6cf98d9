#include "harness/audit/cross_continuation.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "harness/analysis/text_tokenizer.h"
#include "harness/core/file_io.h"
#include "harness/core/utf8.h"
#include "harness/run/run_reader.h"

namespace kinship {

namespace {

std::size_t TokenCount(std::string_view text) {
  std::size_t count = 0;
  ForEachWordToken(text, [&count](std::string_view) { ++count; });
  return count;
}

// Byte offsets where a code point starts, and the end of the text.
std::vector<std::size_t> CodePointBoundaries(std::string_view text) {
  std::vector<std::size_t> cuts;
  for (std::size_t pos = 0; pos < text.size();) {
    cuts.push_back(pos);
    DecodeUtf8(text, &pos);
  }
  cuts.push_back(text.size());
  return cuts;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

const std::string& LastUserMessage(const Prompt& prompt) {
  static const std::string kNone;
  for (auto it = prompt.messages.rbegin(); it != prompt.messages.rend(); ++it) {
    if (it->role == Role::kUser) return it->content;
  }
  return kNone;
}

Prompt DerivedPrompt(const Prompt& source, const std::string& model, std::string_view prefix) {
  Prompt prompt;
  prompt.suite = kCrossContinuationSuite;
  prompt.id = CrossContinuationId(source.id, model);
  prompt.messages = {{Role::kUser, CrossContinuationText(LastUserMessage(source), prefix)}};
  prompt.tags = {kCrossContinuationSuite, "from:" + model};
  for (const auto& tag : source.tags) prompt.tags.push_back(tag);
  prompt.split = source.split;
  prompt.sampling = CrossContinuationSampling();
  prompt.samples = 1;
  return prompt;
}

}  // namespace

std::string HalfwayPrefix(std::string_view text, std::size_t max_bytes) {
  const std::size_t total = TokenCount(text);
  if (total < kMinTokensToCut) return "";
  const std::vector<std::size_t> cuts = CodePointBoundaries(text);
  // A cut splits no token when the tokens on both sides add up to the whole text's.
  auto clean = [&](std::size_t cut) {
    return TokenCount(text.substr(0, cut)) + TokenCount(text.substr(cut)) == total;
  };
  // The first cut with half the tokens before it (the count only grows with the cut)...
  const std::size_t half = total / 2;
  auto first = std::partition_point(cuts.begin(), cuts.end(), [&](std::size_t cut) {
    return TokenCount(text.substr(0, cut)) < half;
  });
  // ... moved on to the end of the token it lands in.
  auto chosen = std::find_if(first, cuts.end(), clean);
  if (chosen == cuts.end()) return "";
  // Too long: the last clean cut within the byte limit that keeps at least one token.
  if (*chosen > max_bytes) {
    auto limit = std::upper_bound(cuts.begin(), cuts.end(), max_bytes);
    chosen = cuts.end();
    for (auto it = limit; it != cuts.begin();) {
      --it;
      if (TokenCount(text.substr(0, *it)) == 0) break;
      if (clean(*it)) {
        chosen = it;
        break;
      }
    }
    if (chosen == cuts.end()) return "";
  }
  std::size_t end = *chosen;
  while (end > 0 && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(0, end));
}

std::string CrossContinuationId(std::string_view prompt_id, std::string_view source_model) {
  return std::string(prompt_id) + "@" + std::string(source_model);
}

std::string CrossContinuationText(std::string_view request, std::string_view prefix) {
  return fmt::format(
      "Continue the answer below from exactly where it stops. Reply with the continuation "
      "only, without repeating any of it.\n\nRequest:\n{}\n\nAnswer so far:\n{}",
      request, prefix);
}

SamplingParams CrossContinuationSampling() {
  SamplingParams sampling;
  sampling.temperature = 0.0;
  sampling.max_tokens = 160;
  sampling.seed = 6107;
  return sampling;
}

std::vector<Prompt> DeriveCrossContinuation(const RunData& run,
                                            const CrossContinuationOptions& options) {
  // The answer each (model, source prompt) contributes: greedy first, else the lowest sample.
  std::map<std::pair<std::string, std::string>, const ResponseRecord*> chosen;
  for (const ResponseRecord& record : run.records) {
    if (!record.ok() || record.suite != options.source_suite) continue;
    const ResponseRecord*& slot = chosen[{record.model, record.prompt_id}];
    const bool greedy = record.temperature == 0;
    const bool slot_greedy = slot && slot->temperature == 0;
    if (!slot || (greedy && !slot_greedy) || (greedy == slot_greedy && record.sample < slot->sample)) {
      slot = &record;
    }
  }
  std::vector<Prompt> derived;
  std::size_t sources = 0;
  for (const Prompt& source : run.prompts) {
    if (source.suite != options.source_suite) continue;
    if (options.max_source_prompts > 0 && sources == options.max_source_prompts) break;
    ++sources;
    for (const std::string& model : run.ModelNames()) {
      auto it = chosen.find({model, source.id});
      if (it == chosen.end() || !IsValidUtf8(it->second->output)) continue;
      const std::string prefix = HalfwayPrefix(it->second->output);
      if (prefix.empty()) continue;
      derived.push_back(DerivedPrompt(source, model, prefix));
    }
  }
  return derived;
}

std::vector<Prompt> CrossContinuationBound(const std::vector<Prompt>& source_prompts,
                                           const std::vector<std::string>& models) {
  const std::string longest(kMaxPrefixBytes, 'x');
  std::vector<Prompt> bound;
  for (const Prompt& source : source_prompts) {
    for (const std::string& model : models) bound.push_back(DerivedPrompt(source, model, longest));
  }
  return bound;
}

RunData CrossContinuationFrom(const RunData& run, std::string_view source_model) {
  const std::string tag = "from:" + std::string(source_model);
  RunData part;
  part.dir = run.dir;
  part.manifest = run.manifest;
  std::set<std::string> ids;
  for (const Prompt& prompt : run.prompts) {
    if (std::find(prompt.tags.begin(), prompt.tags.end(), tag) == prompt.tags.end()) continue;
    ids.insert(prompt.id);
    part.prompts.push_back(prompt);
  }
  for (const ResponseRecord& record : run.records) {
    if (ids.count(record.prompt_id)) part.records.push_back(record);
  }
  return part;
}

void WriteCrossContinuationSuite(const std::filesystem::path& yaml,
                                 const std::vector<Prompt>& prompts, const std::string& origin) {
  const std::filesystem::path dataset = yaml.stem().string() + ".jsonl";
  std::string lines;
  for (const Prompt& prompt : prompts) {
    nlohmann::json line = {{"id", prompt.id},
                           {"prompt", prompt.messages.back().content},
                           {"tags", prompt.tags},
                           {"split", prompt.split},
                           {"template", false}};  // model text may contain "{{"
    lines += line.dump() + "\n";
  }
  const SamplingParams sampling = CrossContinuationSampling();
  // JSON strings are YAML double-quoted scalars, so dump() quotes any text safely.
  const std::string suite = fmt::format(
      "# Derived by kinship: do not edit (see suites/README.md, cross-continuation).\n"
      "name: {}\n"
      "version: \"1\"\n"
      "description: {}\n"
      "defaults:\n"
      "  temperature: {}\n"
      "  max_tokens: {}\n"
      "  samples: 1\n"
      "  seed: {}\n"
      "dataset: {}\n",
      kCrossContinuationSuite,
      nlohmann::json("Each model's answer cut halfway, for every model to continue; from " +
                     origin)
          .dump(),
      *sampling.temperature, *sampling.max_tokens, *sampling.seed,
      nlohmann::json(dataset.string()).dump());
  WriteFileAtomically(yaml.parent_path() / dataset, lines);
  WriteFileAtomically(yaml, suite);
}

}  // namespace kinship
