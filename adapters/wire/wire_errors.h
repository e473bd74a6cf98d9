// Wire errors: the shared ways an HTTP codec turns a failed answer into a Completion
// value -- non-2xx statuses with the provider's own error message, unparseable bodies,
// Retry-After hints -- so every codec reports failures the same way.
//
// Free functions, stateless and thread-safe. Nothing here throws (beyond bad_alloc).
// Quoted bodies are cut to a short prefix, because a body can be megabytes of HTML.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "harness/core/adapter.h"
#include "harness/core/http_message.h"

namespace kinship {

// At most this many bytes of a body appear in an error message.
inline constexpr std::size_t kMaxQuotedBodyBytes = 200;

// A display-safe prefix of `body`: at most kMaxQuotedBodyBytes bytes, cut on a UTF-8
// boundary, newlines flattened, "..." appended when cut.
std::string QuoteBody(std::string_view body);

// A failed Completion with the given kind and message.
Completion ErrorCompletion(std::string kind, std::string message);

// The message in a provider's error JSON, if `body` is one. Understands the shapes the
// supported APIs use: {"error": "text"} (Ollama), {"error": {"message": ..., "type" or
// "status": ...}} (OpenAI, Gemini, Azure) and {"type": "error", "error": {...}}
// (Anthropic). The type/status, when present, prefixes the message.
std::optional<std::string> ProviderErrorMessage(std::string_view body);

// A Retry-After value in milliseconds: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT", relative to `now`; a date in the past gives 0).
// nullopt for anything else.
std::optional<int> ParseRetryAfterMs(std::string_view value,
                                     std::chrono::system_clock::time_point now);

// The value for a non-2xx answer: error_kind "http_<status>", message from the
// provider's error JSON or else a quoted prefix of the body, and retry_after_ms from a
// Retry-After header on 429/503. `provider` names the backend in the message.
Completion HttpErrorCompletion(const HttpResponse& response, std::string_view provider);

// "bad_response" with what was wrong and a quoted prefix of the body.
Completion BadResponse(std::string_view what, std::string_view body);

// True for 2xx statuses.
inline bool IsSuccessStatus(int status) { return status >= 200 && status < 300; }

// Replaces every occurrence of `secret` in the completion's error text with "[redacted]".
// Codecs call it on failures so a server echoing the key back cannot leak it into a run.
void RedactSecret(Completion* completion, std::string_view secret);

}  // namespace kinship
