#include "adapters/wire/json_exchange.h"

#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"

namespace kinship {

HttpRequest JsonPostRequest(const std::string& url, const HttpHeaders& credentials,
                            const ExtraHttpFields& extra, const nlohmann::json& body) {
  return JsonPostRequest(url, credentials, extra, DumpJson(body));
}

HttpRequest JsonPostRequest(const std::string& url, const HttpHeaders& credentials,
                            const ExtraHttpFields& extra, std::string body) {
  HttpRequest out;
  out.method = "POST";
  out.url = url;
  out.headers.reserve(2 + credentials.size() + extra.headers.size());
  AddJsonHeaders(&out.headers);
  for (const auto& header : credentials) out.headers.push_back(header);
  extra.ApplyTo(&out.headers);
  out.body = std::move(body);
  return out;
}

Completion ParseHttpAnswer(const HttpResponse& response, std::string_view provider,
                           std::string_view secret, Completion (*parse)(std::string_view body)) {
  Completion c = IsSuccessStatus(response.status) ? parse(response.body)
                                                  : HttpErrorCompletion(response, provider);
  if (!c.ok) RedactSecret(&c, secret);
  return c;
}

}  // namespace kinship
