// One line of responses.jsonl: the outcome of one (model, suite, prompt, sample) item.
// The JSON form is specified in results/README.md; keep the two in step.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/adapter.h"

namespace kinship {

struct ResponseRecord {
  std::string model;      // panel name
  std::string suite;
  std::string prompt_id;
  int sample = 0;         // 0-based
  std::string status;     // "ok" or "error"
  std::string output;     // answer text, UTF-8 byte-exact ("" on error)
  std::string reasoning;  // separate reasoning text, if the backend gives one
  std::string error;      // why it failed ("" when ok)
  std::string error_kind; // machine-readable failure class ("" when ok)
  std::string finish_reason;
  std::int64_t input_tokens = -1;      // -1: unknown
  std::int64_t output_tokens = -1;
  std::int64_t reasoning_tokens = -1;
  double latency_ms = 0;
  int attempts = 1;
  int rate_limited = 0;                // 429 answers among the attempts
  bool cached = false;
  std::uint64_t seed = 0;              // the per-item seed sent to the backend
  // The temperature sent (0 = greedy); NaN when unknown (imported answers), never greedy.
  double temperature = std::numeric_limits<double>::quiet_NaN();
  std::string served_model;            // as reported by the backend
  std::string system_fingerprint;      // as reported by the backend
  std::vector<TokenLogprob> logprobs;  // per output token, when the model config asked
  std::string started_at;              // ISO-8601 UTC
  std::string finished_at;

  bool ok() const { return status == "ok"; }
};

// The identity of an item: records with equal keys describe the same work.
std::string RecordKey(std::string_view model, std::string_view suite, std::string_view prompt_id,
                      int sample);
inline std::string RecordKey(const ResponseRecord& r) {
  return RecordKey(r.model, r.suite, r.prompt_id, r.sample);
}

// One JSON object, no trailing newline. Strings are written byte-exact except that each
// byte of invalid UTF-8 becomes U+FFFD (json_text.h), so a line is always valid JSON.
std::string RecordToJsonLine(const ResponseRecord& record);
// The same object appended to *out (no allocation when *out has room).
void AppendRecordJson(const ResponseRecord& record, std::string* out);
// Parses one line; nullopt (with *error set) for a torn or malformed line.
std::optional<ResponseRecord> RecordFromJsonLine(std::string_view line, std::string* error);

}  // namespace kinship
