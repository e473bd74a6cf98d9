// The Adapter interface: one configured model that answers chat requests.
//
// Two kinds exist (ARCHITECTURE.md §2). Direct adapters (simulated models, external
// command, recorded outputs) implement Generate(). HTTP adapters are codecs that build
// and parse wire messages; the engine's transport sends them (added with the HTTP
// backends). Either way a failed call is a value (Completion::ok == false), never an
// exception: a backend failure must not lose the batch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/chat.h"
#include "harness/core/sampling.h"

namespace kinship {

// One request to one model: a prompt's messages with fully resolved sampling.
struct ModelRequest {
  std::string model_name;             // the panel name ("teacher-a"), for logs
  std::string suite;                  // the prompt's suite and id (replay looks answers up
  std::string prompt_id;              // by them; HTTP adapters ignore them)
  std::vector<ChatMessage> messages;  // system first when present
  SamplingParams sampling;            // temperature and max_tokens always set
  int sample_index = 0;               // 0-based sample of this prompt
  std::uint64_t seed = 0;             // per-item seed, stable across runs and shards
};

// One generated token with its log-probability and, when asked, the top alternatives.
struct TokenLogprob {
  std::string token;
  double logprob = 0;
  std::vector<std::pair<std::string, double>> top;  // (token, logprob), best first
};

// The answer, or why there is none.
struct Completion {
  bool ok = false;
  std::string output;          // the answer text (UTF-8, byte-exact)
  std::string reasoning;       // separate reasoning text (e.g. DeepSeek), may be empty
  std::string finish_reason;   // as reported: "stop", "length", ...
  std::string error;           // human-readable reason when !ok
  std::string error_kind;      // machine-readable class: "timeout", "http_429", ...
  std::int64_t input_tokens = -1;      // -1: not reported
  std::int64_t output_tokens = -1;
  std::int64_t reasoning_tokens = -1;
  std::string served_model;    // the model id the backend says answered, if any
  std::string system_fingerprint;   // OpenAI-style backend build id, if any
  std::vector<TokenLogprob> logprobs;  // per output token, when requested and returned
  int retry_after_ms = -1;     // from a Retry-After answer (429/503), for the scheduler
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  // Answers one request. Called concurrently from several threads; must be thread-safe.
  // Never throws: failures come back with ok == false and error set.
  virtual Completion Generate(const ModelRequest& request) = 0;
};

}  // namespace kinship
