#include "harness/core/http_message.h"

#include <catch2/catch.hpp>

using namespace kinship;

TEST_CASE("HttpResponse finds the first header of a name, in any case, with or without a copy",
          "[http_message]") {
  HttpResponse response;
  response.headers = {{"content-type", "application/json"}, {"retry-after", "7"}, {"Retry-After", "9"}};
  const std::string* type = response.FindHeader("Content-Type");
  REQUIRE(type != nullptr);
  CHECK(type == &response.headers[0].second);  // a view of the stored value, not a copy
  CHECK(*response.FindHeader("RETRY-AFTER") == "7");
  CHECK(response.FindHeader("retry") == nullptr);
  CHECK(response.FindHeader("content-types") == nullptr);
  CHECK(response.Header("retry-after") == std::optional<std::string>("7"));
  CHECK_FALSE(response.Header("x-missing"));
}
