#include "adapters/wire/wire_errors.h"

#include <time.h>

#include <cctype>
#include <cstdlib>
#include <utility>

#include <nlohmann/json.hpp>

#include "harness/core/utf8.h"

namespace kinship {

std::string QuoteBody(std::string_view body) {
  std::string_view cut = body;
  bool truncated = false;
  if (cut.size() > kMaxQuotedBodyBytes) {
    cut = cut.substr(0, kMaxQuotedBodyBytes);
    // Back off to a code point boundary: never end on a continuation byte's lead.
    std::size_t end = cut.size();
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
    cut = cut.substr(0, end);
    truncated = true;
  }
  std::string out = SanitizeUtf8(cut);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (truncated) out += "...";
  return out;
}

Completion ErrorCompletion(std::string kind, std::string message) {
  Completion c;
  c.ok = false;
  c.error_kind = std::move(kind);
  c.error = std::move(message);
  return c;
}

std::optional<std::string> ProviderErrorMessage(std::string_view body) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find("error");
  if (it == j.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_object()) return std::nullopt;
  std::string message;
  if (const auto m = it->find("message"); m != it->end() && m->is_string()) {
    message = m->get<std::string>();
  }
  std::string kind;
  for (const char* key : {"type", "status", "code"}) {
    if (const auto k = it->find(key); k != it->end() && k->is_string()) {
      kind = k->get<std::string>();
      break;
    }
  }
  if (message.empty() && kind.empty()) return std::nullopt;
  if (kind.empty()) return message;
  if (message.empty()) return kind;
  return kind + ": " + message;
}

std::optional<int> ParseRetryAfterMs(std::string_view value,
                                     std::chrono::system_clock::time_point now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  constexpr long long kMaxSeconds = 24LL * 3600;  // clamp: a day is already "give up"
  bool all_digits = true;
  for (char c : value) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  if (all_digits) {
    if (value.size() > 9) return static_cast<int>(kMaxSeconds * 1000);
    const long long seconds = std::strtoll(std::string(value).c_str(), nullptr, 10);
    return static_cast<int>(std::min(seconds, kMaxSeconds) * 1000);
  }
  // IMF-fixdate, the only form servers are allowed to send (RFC 9110 §5.6.7).
  const std::string text(value);
  struct tm tm {};
  const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const time_t when = ::timegm(&tm);
  if (when == static_cast<time_t>(-1)) return std::nullopt;
  const auto target = std::chrono::system_clock::from_time_t(when);
  const auto delta = std::chrono::duration_cast<std::chrono::milliseconds>(target - now).count();
  if (delta <= 0) return 0;
  return static_cast<int>(std::min<long long>(delta, kMaxSeconds * 1000));
}

Completion HttpErrorCompletion(const HttpResponse& response, std::string_view provider) {
  std::string message = std::string(provider) + " answered HTTP " +
                        std::to_string(response.status);
  if (auto provider_message = ProviderErrorMessage(response.body)) {
    message += ": " + QuoteBody(*provider_message);
  } else if (!response.body.empty()) {
    message += ": " + QuoteBody(response.body);
  }
  Completion c = ErrorCompletion("http_" + std::to_string(response.status), std::move(message));
  if (response.status == 429 || response.status == 503) {
    if (auto header = response.Header("retry-after")) {
      if (auto ms = ParseRetryAfterMs(*header, std::chrono::system_clock::now())) {
        c.retry_after_ms = *ms;
      }
    }
  }
  return c;
}

Completion BadResponse(std::string_view what, std::string_view body) {
  std::string message(what);
  if (!body.empty()) message += "; body starts: " + QuoteBody(body);
  return ErrorCompletion("bad_response", std::move(message));
}

void RedactSecret(Completion* completion, std::string_view secret) {
  if (secret.empty()) return;
  std::string& text = completion->error;
  for (std::size_t pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "[redacted]");
    pos += 10;
  }
}

}  // namespace kinship
