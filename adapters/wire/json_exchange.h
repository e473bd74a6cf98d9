// The shape every JSON-over-HTTP codec shares, written once: how a request is assembled
// (content headers, the credential headers, the user's extra headers, the body) and how any
// HTTP answer becomes a Completion (a 2xx body through the codec's parser, anything else
// through the provider's error message, with the key scrubbed from failures).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/wire/adapter_options.h"
#include "harness/core/adapter.h"
#include "harness/core/http_message.h"

namespace kinship {

// A POST of `body` to `url`. `credentials` are the headers that carry the key (they exist
// only in this in-memory request); `extra` adds the model's `headers` option.
HttpRequest JsonPostRequest(const std::string& url, const HttpHeaders& credentials,
                            const ExtraHttpFields& extra, const nlohmann::json& body);
// The same with a body already serialised (compact JSON).
HttpRequest JsonPostRequest(const std::string& url, const HttpHeaders& credentials,
                            const ExtraHttpFields& extra, std::string body);

// Any HTTP answer as a Completion. `parse` reads a 2xx body; a non-2xx answer becomes
// `http_<status>` with the provider's own message. Failures never contain `secret`.
Completion ParseHttpAnswer(const HttpResponse& response, std::string_view provider,
                           std::string_view secret, Completion (*parse)(std::string_view body));

}  // namespace kinship
