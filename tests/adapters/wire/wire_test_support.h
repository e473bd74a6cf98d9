// Shared pieces of the wire-codec tests: fixture loading, a standard multilingual request,
// model configs, environment overrides and a structural request comparison.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/config/model_config.h"
#include "harness/core/adapter.h"
#include "harness/core/http_codec.h"
#include "tests/fakes/scoped_env.h"

namespace kinship::testing {

inline constexpr const char* kFakeKey = "sk-test-FAKE-0123456789";

inline std::filesystem::path WireDataDir() {
  return std::filesystem::path(KINSHIP_SOURCE_DIR) / "tests" / "data" / "wire";
}

inline std::string ReadFixture(const std::string& relative) {
  std::ifstream in(WireDataDir() / relative, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline nlohmann::json ReadJsonFixture(const std::string& relative) {
  return nlohmann::json::parse(ReadFixture(relative));
}

// The prompt every request fixture was written for: Kazakh system message, a
// Kazakh/Chinese/Arabic user message.
inline ModelRequest StandardRequest() {
  ModelRequest r;
  r.model_name = "panel-model";
  r.messages = {{Role::kSystem, "Сіз пайдалы көмекшісіз."},
                {Role::kUser, "Сәлем! 你好 مرحبا — explain kinship in one line."}};
  r.sampling.temperature = 0.7;
  r.sampling.top_p = 0.9;
  r.sampling.max_tokens = 256;
  r.sampling.stop = std::vector<std::string>{"\n\nUser:"};
  r.sample_index = 2;
  r.seed = 1234567890123ULL;
  return r;
}

inline ModelConfig MakeConfig(const std::string& adapter, const std::string& model,
                              const std::string& base_url = "",
                              nlohmann::json options = nlohmann::json::object()) {
  ModelConfig c;
  c.name = "test-" + adapter;
  c.adapter = adapter;
  c.model = model;
  c.base_url = base_url;
  c.options = std::move(options);
  c.where = SourceLocation{"models.yaml", 3, 5};
  for (const auto& [key, value] : c.options.items()) {
    c.option_locations[key] = SourceLocation{"models.yaml", 9, 7};
  }
  return c;
}

inline const HttpCodec& CodecOf(const Adapter& adapter) {
  const auto* http = dynamic_cast<const HttpAdapter*>(&adapter);
  REQUIRE(http != nullptr);
  return http->codec();
}

// Method, URL and headers exactly; the body compared as JSON (key order and spacing are
// not part of the contract, values and UTF-8 bytes are).
inline void CheckRequestMatchesFixture(const HttpRequest& request, const std::string& fixture) {
  const nlohmann::json expected = ReadJsonFixture(fixture);
  CHECK(request.method == expected["method"].get<std::string>());
  CHECK(request.url == expected["url"].get<std::string>());
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    CHECK(headers.count(name) == 0);
    headers[name] = value;
  }
  CHECK(headers == expected["headers"].get<std::map<std::string, std::string>>());
  const nlohmann::json body = nlohmann::json::parse(request.body);
  INFO("built body: " << body.dump(2));
  CHECK(body == expected["body"]);
}

inline HttpResponse Response(int status, std::string body,
                             HttpHeaders headers = {{"content-type", "application/json"}}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace kinship::testing
