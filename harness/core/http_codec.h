// HttpCodec: what an HTTP adapter is (ARCHITECTURE.md §2). Two pure functions -- build the
// wire request for a model request, parse the wire response into a Completion. A codec
// never opens a socket, sleeps or retries; the engine's transport and scheduler do, so
// every backend gets the same robustness, and every codec is tested with recorded fixtures.
#pragma once

#include <string>

#include "harness/core/adapter.h"
#include "harness/core/http_message.h"

namespace kinship {

class HttpCodec {
 public:
  virtual ~HttpCodec() = default;

  // The request to send. Reads the API key from the environment variable it was
  // configured with (checked at construction, so this does not fail for a missing key).
  virtual HttpRequest BuildRequest(const ModelRequest& request) const = 0;

  // Interprets any HTTP answer, 4xx/5xx included. Never throws: a non-2xx status or an
  // unparseable body gives ok == false with error_kind "http_<status>" or "bad_response"
  // and an error message quoting at most a short, secret-free prefix of the body.
  virtual Completion ParseResponse(const HttpResponse& response) const = 0;
};

// An Adapter whose answers come over HTTP. Generate() is not used for it: the engine
// sends codec().BuildRequest(...) itself (Generate returns an error if called).
class HttpAdapter : public Adapter {
 public:
  virtual const HttpCodec& codec() const = 0;
  Completion Generate(const ModelRequest&) override {
    Completion c;
    c.error = "HTTP adapters are driven by the engine's transport, not Generate()";
    c.error_kind = "internal";
    return c;
  }
};

}  // namespace kinship
