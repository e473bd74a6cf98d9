#include "adapters/azure/azure_openai_adapter.h"

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "tests/adapters/wire/wire_test_support.h"

namespace kinship {
namespace {

using testing::CodecOf;
using testing::kFakeKey;
using testing::MakeConfig;
using testing::ReadFixture;
using testing::Response;
using testing::ScopedEnv;

TEST_CASE("azure-openai builds the deployment URL with api-version and the api-key header",
          "[azure]") {
  ScopedEnv key("AZURE_OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateAzureOpenAiAdapter(MakeConfig(
      "azure-openai", "gpt-4o", "https://kinship-test.openai.azure.com/",
      {{"deployment", "gpt4o-prod"}}));
  testing::CheckRequestMatchesFixture(CodecOf(*adapter).BuildRequest(testing::StandardRequest()),
                                      "azure/request_basic.json");
}

TEST_CASE("azure-openai deployment defaults to the model and api_version can be set",
          "[azure]") {
  ScopedEnv key("AZURE_OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateAzureOpenAiAdapter(
      MakeConfig("azure-openai", "gpt-4o-mini", "https://r.openai.azure.com",
                 {{"api_version", "2025-01-01-preview"}}));
  CHECK(CodecOf(*adapter).BuildRequest(testing::StandardRequest()).url ==
        "https://r.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
        "?api-version=2025-01-01-preview");
}

TEST_CASE("azure-openai parses answers like openai and ignores content-filter annotations",
          "[azure]") {
  ScopedEnv key("AZURE_OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateAzureOpenAiAdapter(
      MakeConfig("azure-openai", "gpt-4o", "https://r.openai.azure.com"));
  const Completion c =
      CodecOf(*adapter).ParseResponse(Response(200, ReadFixture("azure/response_success.json")));
  REQUIRE(c.ok);
  CHECK(c.output == "القرابة تعني التشابه.");
  CHECK(c.served_model == "gpt-4o-2024-08-06");
  CHECK(c.output_tokens == 7);
}

TEST_CASE("azure-openai 429 carries the message and Retry-After", "[azure]") {
  ScopedEnv key("AZURE_OPENAI_API_KEY", kFakeKey);
  const auto adapter = CreateAzureOpenAiAdapter(
      MakeConfig("azure-openai", "gpt-4o", "https://r.openai.azure.com"));
  const Completion c = CodecOf(*adapter).ParseResponse(
      Response(429, ReadFixture("azure/response_error_429.json"),
               {{"content-type", "application/json"}, {"retry-after", "7"}}));
  CHECK_FALSE(c.ok);
  CHECK(c.error_kind == "http_429");
  CHECK(c.retry_after_ms == 7000);
  CHECK_THAT(c.error, Catch::Contains("exceeded the rate limit"));
}

TEST_CASE("azure-openai requires base_url, a safe deployment name and its key", "[azure]") {
  ScopedEnv key("AZURE_OPENAI_API_KEY", kFakeKey);
  CHECK_THROWS_WITH(CreateAzureOpenAiAdapter(MakeConfig("azure-openai", "gpt-4o")),
                    Catch::Contains("base_url"));
  CHECK_THROWS_WITH(CreateAzureOpenAiAdapter(MakeConfig("azure-openai", "gpt-4o",
                                                        "https://r.openai.azure.com",
                                                        {{"deployment", "a/b?c"}})),
                    Catch::StartsWith("models.yaml:9:7: deployment:"));
  ScopedEnv unset("AZURE_OPENAI_API_KEY", std::nullopt);
  CHECK_THROWS_WITH(
      CreateAzureOpenAiAdapter(MakeConfig("azure-openai", "gpt-4o", "https://r.openai.azure.com")),
      Catch::Contains("environment variable AZURE_OPENAI_API_KEY is not set"));
}

}  // namespace
}  // namespace kinship
