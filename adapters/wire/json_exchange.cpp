#include "adapters/wire/json_exchange.h"

#include "adapters/wire/wire_errors.h"
#include "adapters/wire/wire_json.h"

namespace kinship {

HttpRequest JsonPostRequest(const std::string& url, const HttpHeaders& credentials,
                            const ExtraHttpFields& extra, const nlohmann::json& body) {
  HttpRequest out;
  out.method = "POST";
  out.url = url;
  AddJsonHeaders(&out.headers);
  for (const auto& header : credentials) out.headers.push_back(header);
  extra.ApplyTo(&out.headers);
  out.body = DumpJson(body);
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
