// A prompt and the suite that holds it: the loaded, validated, template-expanded form of a
// suite file (format: suites/README.md). Plain data; the loader is suite_loader.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/config/assertion.h"
#include "harness/core/chat.h"
#include "harness/core/config_error.h"
#include "harness/core/sampling.h"

namespace kinship {

struct Prompt {
  std::string suite;                   // name of the owning suite
  std::string id;                      // stable, unique within the suite
  std::vector<ChatMessage> messages;   // the system prompt (if any) first, then the turns
  std::vector<std::string> tags;
  std::optional<std::string> reference;  // expected answer, when the suite has one
  std::string split = "test";          // "dev" or "test"
  SamplingParams sampling;             // suite defaults with this prompt's overrides applied
  std::optional<int> samples;          // per-prompt sample count override
  SourceLocation where;                // where the prompt was defined (for messages)
  // Checks of each answer, scored at report time (harness/scoring): the suite's default
  // `assert` list first, then the prompt's own. Empty: the prompt is not scored.
  std::vector<Assertion> assertions;
  // The weighted share of assertions an answer must pass to count as passing: the
  // prompt's `threshold`, else the suite's, else nullopt (meaning 1: all of them).
  std::optional<double> threshold;
};

struct Suite {
  std::string name;         // unique among loaded suites, e.g. "demo"
  std::string version;      // bumped whenever any prompt changes
  std::string description;
  std::string path;         // the file it was loaded from
  std::string content_hash; // SHA-256 over the suite file and every dataset it read
  int samples = 1;          // samples per prompt unless a prompt or flag says otherwise
  std::optional<double> threshold;  // the suite's pass threshold (top-level `threshold`)
  std::vector<Prompt> prompts;
  // The dataset files read, as written in the suite (relative to its folder), in order.
  std::vector<std::string> datasets;
};

}  // namespace kinship
