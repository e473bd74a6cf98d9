// Plain HTTP messages: the only shapes that cross between adapters (codecs) and the
// transport. No Boost here, so adapters compile without the network headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinship {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;       // absolute: "https://api.openai.com/v1/chat/completions?x=y"
  HttpHeaders headers;   // as sent; secrets live only here, in memory
  std::string body;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;   // names lower-cased
  std::string body;

  // The first header named `name` (case-insensitive), if any.
  std::optional<std::string> Header(std::string_view name) const;
  // The same without a copy: null when there is none; valid while the response lives.
  const std::string* FindHeader(std::string_view name) const;
};

}  // namespace kinship
